import type Database from 'better-sqlite3';
import type { WireExtension } from '../../protocol/operations';
import type { C2CRelation } from '../c2c-rules';

/** The C2C relation the commit reads, read receipts and message extensions in the SQLite store (friends: sqlite-friends.ts). */
export class SqliteSocial {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      isFriend: db.prepare<[number, string, string], { one: number }>(
        'SELECT 1 AS one FROM friends WHERE app = ? AND user_id = ? AND friend_id = ?',
      ),
      isBlocked: db.prepare<[number, string, string], { one: number }>(
        'SELECT 1 AS one FROM blacklist WHERE app = ? AND user_id = ? AND blocked_id = ?',
      ),
      addReceipt: db.prepare('INSERT OR IGNORE INTO read_receipts (app, conv, msg_id, user_id) VALUES (?, ?, ?, ?)'),
      countReceipts: db.prepare<[number, string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM read_receipts WHERE app = ? AND conv = ? AND msg_id = ?',
      ),
      setExtension: db.prepare(
        'INSERT INTO message_extensions (app, conv, msg_id, key, value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value',
      ),
      extensions: db.prepare<[number, string, string], WireExtension>(
        'SELECT key, value FROM message_extensions WHERE app = ? AND conv = ? AND msg_id = ? ORDER BY key',
      ),
      deleteExtension: db.prepare(
        'DELETE FROM message_extensions WHERE app = ? AND conv = ? AND msg_id = ? AND key = ?',
      ),
    };
  }

  c2cRelation(app: number, sender: string, to: string): C2CRelation {
    return {
      blocked: this.statements.isBlocked.get(app, to, sender) !== undefined,
      friends:
        this.statements.isFriend.get(app, sender, to) !== undefined &&
        this.statements.isFriend.get(app, to, sender) !== undefined,
    };
  }

  addReceipts(app: number, conversationKey: string, IDs: string[], userID: string): string[] {
    return this.db.transaction(() =>
      [...new Set(IDs)].filter((ID) => this.statements.addReceipt.run(app, conversationKey, ID, userID).changes > 0),
    )();
  }

  countReceipts(app: number, conversationKey: string, IDs: string[]): number[] {
    return IDs.map((ID) => this.statements.countReceipts.get(app, conversationKey, ID)?.n ?? 0);
  }

  setExtensions(app: number, conversationKey: string, ID: string, extensions: WireExtension[]): WireExtension[] {
    return this.db.transaction(() => {
      for (const { key, value } of extensions) this.statements.setExtension.run(app, conversationKey, ID, key, value);
      return this.extensions(app, conversationKey, ID);
    })();
  }

  extensions(app: number, conversationKey: string, ID: string): WireExtension[] {
    return this.statements.extensions.all(app, conversationKey, ID).map(({ key, value }) => ({ key, value }));
  }

  deleteExtensions(app: number, conversationKey: string, ID: string, keys: string[] | null): string[] {
    return this.db.transaction(() => {
      const targets = keys ?? this.extensions(app, conversationKey, ID).map((e) => e.key);
      return targets.filter((key) => this.statements.deleteExtension.run(app, conversationKey, ID, key).changes > 0);
    })();
  }
}
