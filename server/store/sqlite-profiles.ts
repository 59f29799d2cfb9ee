import type Database from 'better-sqlite3';
import { applyProfileUpdate, defaultProfile, type ProfileUpdate, type WireProfile } from '../../protocol/profiles';
import { profileFieldsRefusal, storedProfile } from './profile-rules';

/** Its own table, made when the store opens: one JSON profile per user who ever changed one. */
const PROFILES_SCHEMA = `
CREATE TABLE IF NOT EXISTS profiles (
  app INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (app, user_id)
) WITHOUT ROWID;
`;

/** User profiles in the SQLite store. A user without a row has the default profile. */
export class SqliteProfiles {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.exec(PROFILES_SCHEMA);
    this.statements = {
      get: db.prepare<[number, string], { body: string }>('SELECT body FROM profiles WHERE app = ? AND user_id = ?'),
      put: db.prepare(
        'INSERT INTO profiles (app, user_id, body) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET body = excluded.body',
      ),
    };
  }

  getProfile(app: number, userID: string): WireProfile {
    const row = this.statements.get.get(app, userID);
    return row ? storedProfile(userID, row.body) : defaultProfile(userID);
  }

  getProfiles(app: number, userIDs: readonly string[]): WireProfile[] {
    return userIDs.map((userID) => this.getProfile(app, userID));
  }

  updateProfile(app: number, userID: string, update: ProfileUpdate, time: number): WireProfile {
    return this.db.transaction(() => {
      const next = applyProfileUpdate(this.getProfile(app, userID), update, time);
      const refusal = profileFieldsRefusal(next);
      if (refusal) throw refusal;
      this.statements.put.run(app, userID, JSON.stringify(next));
      return next;
    })();
  }
}
