import type Database from 'better-sqlite3';
import type { WireExtension, WireFriend } from '../../protocol/operations';
import type { C2CRelation } from '../c2c-rules';

/** Friends, blacklists, read receipts and message extensions in the SQLite store. */
export class SqliteSocial {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      addFriend: db.prepare(
        'INSERT INTO friends (app, user_id, friend_id, remark, time) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET remark = excluded.remark',
      ),
      deleteFriend: db.prepare('DELETE FROM friends WHERE app = ? AND user_id = ? AND friend_id = ?'),
      friends: db.prepare<[number, string], { friend_id: string; remark: string; time: number }>(
        'SELECT friend_id, remark, time FROM friends WHERE app = ? AND user_id = ? ORDER BY friend_id',
      ),
      isFriend: db.prepare<[number, string, string], { one: number }>(
        'SELECT 1 AS one FROM friends WHERE app = ? AND user_id = ? AND friend_id = ?',
      ),
      block: db.prepare('INSERT OR IGNORE INTO blacklist (app, user_id, blocked_id) VALUES (?, ?, ?)'),
      blacklist: db.prepare<[number, string], { blocked_id: string }>(
        'SELECT blocked_id FROM blacklist WHERE app = ? AND user_id = ? ORDER BY blocked_id',
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

  addFriend(app: number, userID: string, friendID: string, remark: string, time: number): void {
    this.db.transaction(() => {
      this.statements.addFriend.run(app, userID, friendID, remark, time);
      if (friendID !== userID && !this.statements.isFriend.get(app, friendID, userID))
        this.statements.addFriend.run(app, friendID, userID, '', time);
    })();
  }

  deleteFriends(app: number, userID: string, friendIDs: string[]): string[] {
    return this.db.transaction(() =>
      [...new Set(friendIDs)].filter((friendID) => {
        const removed = this.statements.deleteFriend.run(app, userID, friendID).changes > 0;
        this.statements.deleteFriend.run(app, friendID, userID);
        return removed;
      }),
    )();
  }

  friendList(app: number, userID: string): WireFriend[] {
    return this.statements.friends
      .all(app, userID)
      .map((row) => ({ userID: row.friend_id, remark: row.remark, time: row.time }));
  }

  block(app: number, userID: string, blockedIDs: string[]): string[] {
    return this.db.transaction(() => {
      for (const blocked of new Set(blockedIDs)) this.statements.block.run(app, userID, blocked);
      return [...new Set(blockedIDs)];
    })();
  }

  blacklist(app: number, userID: string): string[] {
    return this.statements.blacklist.all(app, userID).map((row) => row.blocked_id);
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
