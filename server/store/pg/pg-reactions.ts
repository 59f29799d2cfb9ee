import type { WireMessageReactions } from '../../../protocol/chat-actions';
import { noSuchReaction, reactionsOf, refusalToAdd, refusalToRemove } from '../reaction-rules';
import type { ReactionStore } from '../store';
import type { PgDatabase, Queryable } from './pg-database';

/** The class of the transaction-scoped advisory locks that serialize changes to one message's reactions. */
const REACTION_LOCK_CLASS = 71_469_002;

/** Message reactions on PostgreSQL: one row per (message, reactionID, user). */
export class PgReactions implements ReactionStore {
  constructor(private readonly db: PgDatabase) {}

  /**
   * 23007 if the user already used it, 23005 if it would be the message's 11th reaction, 23006 if it has
   * 100 users. The limits count rows another node may be adding at the same moment, so adds to one
   * message take turns (an advisory lock on it, held until the transaction ends).
   */
  async addReaction(
    app: number,
    conversationKey: string,
    ID: string,
    reactionID: string,
    userID: string,
    timeMs: number,
  ): Promise<void> {
    await this.db.transaction(async (client) => {
      await lockMessage(client, app, conversationKey, ID);
      const { rows } = await client.query<{ reaction_id: string; users: number; mine: boolean }>(
        `SELECT reaction_id, COUNT(*)::int AS users, bool_or(user_id = $4) AS mine FROM message_reactions
         WHERE app = $1 AND conv = $2 AND msg_id = $3 GROUP BY reaction_id`,
        [app, conversationKey, ID, userID],
      );
      const reaction = rows.find((row) => row.reaction_id === reactionID);
      const refusal = refusalToAdd(ID, reactionID, {
        alreadyReacted: reaction?.mine ?? false,
        reactionIDs: rows.map((row) => row.reaction_id),
        usersOfReaction: reaction?.users ?? 0,
      });
      if (refusal) throw refusal;
      await client.query(
        'INSERT INTO message_reactions (app, conv, msg_id, reaction_id, user_id, time) VALUES ($1, $2, $3, $4, $5, $6)',
        [app, conversationKey, ID, reactionID, userID, timeMs],
      );
    });
  }

  /** 23008 if nobody used the reaction, 23009 if the user did not. */
  async removeReaction(
    app: number,
    conversationKey: string,
    ID: string,
    reactionID: string,
    userID: string,
  ): Promise<void> {
    await this.db.transaction(async (client) => {
      const removed = await client.query(
        'DELETE FROM message_reactions WHERE app = $1 AND conv = $2 AND msg_id = $3 AND reaction_id = $4 AND user_id = $5',
        [app, conversationKey, ID, reactionID, userID],
      );
      if ((removed.rowCount ?? 0) > 0) return;
      throw refusalToRemove(ID, reactionID, await usersOfReaction(client, app, conversationKey, ID, reactionID));
    });
  }

  /** Each message's reactions, in the order first used, with their first `maxUsers` users; `viewer` sets reactedByMyself. */
  async getReactions(
    app: number,
    conversationKey: string,
    IDs: string[],
    maxUsers: number,
    viewer: string | null,
  ): Promise<WireMessageReactions[]> {
    const rows = await this.db.query<{ msg_id: string; reaction_id: string; user_id: string }>(
      `SELECT msg_id, reaction_id, user_id FROM message_reactions WHERE app = $1 AND conv = $2 AND msg_id = ANY($3::text[])
       ORDER BY time, user_id`,
      [app, conversationKey, IDs],
    );
    return IDs.map((messageID) => {
      const uses = rows
        .filter((row) => row.msg_id === messageID)
        .map((row) => ({ reactionID: row.reaction_id, userID: row.user_id }));
      return reactionsOf(messageID, uses, maxUsers, viewer);
    });
  }

  /** One page of a reaction's users, oldest first; 23008 when nobody used it. */
  async getReactionUsers(
    app: number,
    conversationKey: string,
    ID: string,
    reactionID: string,
    offset: number,
    count: number,
  ): Promise<{ userIDs: string[]; total: number }> {
    const total = await usersOfReaction(this.db.pool, app, conversationKey, ID, reactionID);
    if (total === 0) throw noSuchReaction(ID, reactionID);
    const rows = await this.db.query<{ user_id: string }>(
      `SELECT user_id FROM message_reactions WHERE app = $1 AND conv = $2 AND msg_id = $3 AND reaction_id = $4
       ORDER BY time, user_id LIMIT $5 OFFSET $6`,
      [app, conversationKey, ID, reactionID, count, offset],
    );
    return { userIDs: rows.map((row) => row.user_id), total };
  }
}

async function lockMessage(client: Queryable, app: number, conv: string, ID: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
    REACTION_LOCK_CLASS,
    JSON.stringify([app, conv, ID]),
  ]);
}

async function usersOfReaction(
  db: Queryable,
  app: number,
  conv: string,
  ID: string,
  reactionID: string,
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT COUNT(*)::int AS n FROM message_reactions WHERE app = $1 AND conv = $2 AND msg_id = $3 AND reaction_id = $4',
    [app, conv, ID, reactionID],
  );
  return rows[0].n;
}
