import { applyProfileUpdate, defaultProfile, type ProfileUpdate, type WireProfile } from '../../../protocol/profiles';
import { profileFieldsRefusal, storedProfile } from '../profile-rules';
import type { ProfileStore } from '../store';
import type { PgDatabase } from './pg-database';

/** User profiles on PostgreSQL (sqlite-profiles.ts): one JSON profile per user who ever changed one. */
export class PgProfiles implements ProfileStore {
  constructor(private readonly db: PgDatabase) {}

  async getProfile(app: number, userID: string): Promise<WireProfile> {
    const [profile] = await this.getProfiles(app, [userID]);
    return profile;
  }

  /** One profile per userID, in the same order; the default one for a user without a row. */
  async getProfiles(app: number, userIDs: string[]): Promise<WireProfile[]> {
    const rows = await this.db.query<{ user_id: string; body: string }>(
      'SELECT user_id, body FROM profiles WHERE app = $1 AND user_id = ANY($2)',
      [app, [...new Set(userIDs)]],
    );
    const bodies = new Map(rows.map((row) => [row.user_id, row.body]));
    return userIDs.map((userID) => {
      const body = bodies.get(userID);
      return body === undefined ? defaultProfile(userID) : storedProfile(userID, body);
    });
  }

  updateProfile(app: number, userID: string, update: ProfileUpdate, time: number): Promise<WireProfile> {
    return this.db.transaction(async (client) => {
      // A row to lock even for a first change: two nodes updating one profile then merge one after the other.
      await client.query('INSERT INTO profiles (app, user_id, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        app,
        userID,
        JSON.stringify(defaultProfile(userID)),
      ]);
      const { rows } = await client.query<{ body: string }>(
        'SELECT body FROM profiles WHERE app = $1 AND user_id = $2 FOR UPDATE',
        [app, userID],
      );
      const next = applyProfileUpdate(storedProfile(userID, rows[0].body), update, time);
      const refusal = profileFieldsRefusal(next);
      if (refusal) throw refusal;
      await client.query('UPDATE profiles SET body = $3 WHERE app = $1 AND user_id = $2', [
        app,
        userID,
        JSON.stringify(next),
      ]);
      return next;
    });
  }
}
