import type Database from 'better-sqlite3';
import type { WireMessageReactions } from '../../protocol/chat-actions';
import { noSuchReaction, reactionsOf, refusalToAdd, refusalToRemove } from './reaction-rules';

interface ReactionRow {
  reaction_id: string;
  user_id: string;
}

/** Message reactions in the SQLite store: one row per (message, reactionID, user). */
export class SqliteReactions {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insert: db.prepare(
        'INSERT INTO message_reactions (app, conv, msg_id, reaction_id, user_id, time) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      remove: db.prepare(
        'DELETE FROM message_reactions WHERE app = ? AND conv = ? AND msg_id = ? AND reaction_id = ? AND user_id = ?',
      ),
      has: db.prepare<[number, string, string, string, string], { one: number }>(
        'SELECT 1 AS one FROM message_reactions WHERE app = ? AND conv = ? AND msg_id = ? AND reaction_id = ? AND user_id = ?',
      ),
      reactionIDs: db.prepare<[number, string, string], { reaction_id: string }>(
        'SELECT DISTINCT reaction_id FROM message_reactions WHERE app = ? AND conv = ? AND msg_id = ?',
      ),
      userCount: db.prepare<[number, string, string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM message_reactions WHERE app = ? AND conv = ? AND msg_id = ? AND reaction_id = ?',
      ),
      all: db.prepare<[number, string, string], ReactionRow>(
        `SELECT reaction_id, user_id FROM message_reactions WHERE app = ? AND conv = ? AND msg_id = ?
         ORDER BY time, user_id`,
      ),
      users: db.prepare<[number, string, string, string, number, number], { user_id: string }>(
        `SELECT user_id FROM message_reactions WHERE app = ? AND conv = ? AND msg_id = ? AND reaction_id = ?
         ORDER BY time, user_id LIMIT ? OFFSET ?`,
      ),
    };
  }

  /** 23007 if the user already used it, 23005 if it would be the message's 11th reaction, 23006 if it has 100 users. */
  add(app: number, conv: string, msgID: string, reactionID: string, userID: string, timeMs: number): void {
    this.db.transaction(() => {
      const refusal = refusalToAdd(msgID, reactionID, {
        alreadyReacted: this.statements.has.get(app, conv, msgID, reactionID, userID) !== undefined,
        reactionIDs: this.statements.reactionIDs.all(app, conv, msgID).map((row) => row.reaction_id),
        usersOfReaction: this.statements.userCount.get(app, conv, msgID, reactionID)?.n ?? 0,
      });
      if (refusal) throw refusal;
      this.statements.insert.run(app, conv, msgID, reactionID, userID, timeMs);
    })();
  }

  /** 23008 if nobody used the reaction, 23009 if the user did not. */
  remove(app: number, conv: string, msgID: string, reactionID: string, userID: string): void {
    this.db.transaction(() => {
      if (this.statements.remove.run(app, conv, msgID, reactionID, userID).changes > 0) return;
      throw refusalToRemove(msgID, reactionID, this.statements.userCount.get(app, conv, msgID, reactionID)?.n ?? 0);
    })();
  }

  /** Each message's reactions, in the order first used, with their first `maxUsers` users; `viewer` sets reactedByMyself. */
  list(app: number, conv: string, msgIDs: string[], maxUsers: number, viewer: string | null): WireMessageReactions[] {
    return msgIDs.map((messageID) => {
      const uses = this.statements.all
        .all(app, conv, messageID)
        .map((row) => ({ reactionID: row.reaction_id, userID: row.user_id }));
      return reactionsOf(messageID, uses, maxUsers, viewer);
    });
  }

  /** One page of a reaction's users, oldest first; 23008 when nobody used it. */
  users(app: number, conv: string, msgID: string, reactionID: string, offset: number, count: number) {
    const total = this.statements.userCount.get(app, conv, msgID, reactionID)?.n ?? 0;
    if (total === 0) throw noSuchReaction(msgID, reactionID);
    const userIDs = this.statements.users.all(app, conv, msgID, reactionID, count, offset).map((row) => row.user_id);
    return { userIDs, total };
  }
}
