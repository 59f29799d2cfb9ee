import { parseConversationID } from '../../../protocol/conversation-id';
import { ChatError, ErrorCode } from '../../../protocol/errors';
import type { WireMessage } from '../../../protocol/messages';
import type { HistoryResult, WireConversation, WireGroupAtInfo } from '../../../protocol/operations';
import { decideAudience } from '../audience';
import { wireConversation } from '../sqlite-conversations';
import type { CommitOutcome, HistoryQuery, MessageStore, RecipientsOutcome, SendIntent } from '../store';
import { readAudienceLookups } from './pg-audience-lookups';
import { ActivityClock, commitBatch } from './pg-commit';
import { clearedSequence, listRows, markRead, visibleToViewer } from './pg-conversation-rows';
import type { PgDatabase, Queryable } from './pg-database';

/** Sends, history, the conversation list and read marks on PostgreSQL (as sqlite.ts and sqlite-commit.ts). */
export class PgMessages implements MessageStore {
  private readonly clock = new ActivityClock();

  constructor(private readonly db: PgDatabase) {}

  commitMessages(intents: SendIntent[]): Promise<CommitOutcome[]> {
    return commitBatch(this.db, intents, this.clock);
  }

  /** Read in one snapshot, so the decision sees membership and relations as of one moment, as a commit does. */
  recipientsOf(intent: SendIntent): Promise<RecipientsOutcome> {
    return this.db.transaction(async (client): Promise<RecipientsOutcome> => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const audience = decideAudience(intent, await readAudienceLookups(client, [intent]));
      return audience instanceof ChatError
        ? { ok: false, error: audience }
        : { ok: true, recipients: audience.recipients };
    });
  }

  async getMessageList(query: HistoryQuery): Promise<HistoryResult> {
    const { app, conversationKey, viewer } = query;
    let beforeSeq = Number.MAX_SAFE_INTEGER;
    if (query.nextReqMessageID) {
      const [row] = await this.db.query<{ seq: number }>(
        'SELECT seq FROM messages WHERE app = $1 AND conv = $2 AND id = $3',
        [app, conversationKey, query.nextReqMessageID],
      );
      if (!row)
        throw new ChatError(
          ErrorCode.INVALID_PARAMETER,
          `nextReqMessageID ${query.nextReqMessageID} is not a message of ${query.conversationID}.`,
        );
      beforeSeq = row.seq;
    }
    // clearHistoryMessage: what the viewer cleared is not theirs to see any more.
    const rows = await this.db.query<{ body: string }>(
      `SELECT body FROM messages WHERE app = $1 AND conv = $2 AND seq < $3
         AND seq > COALESCE((SELECT cleared_seq FROM conversation_settings WHERE app = $1 AND user_id = $4 AND conversation_id = $5), 0)
         AND ${visibleToViewer('$4')}
       ORDER BY seq DESC LIMIT $6`,
      [app, conversationKey, beforeSeq, viewer, query.conversationID, query.count + 1],
    );
    const isCompleted = rows.length <= query.count;
    const messageList = rows
      .slice(0, query.count)
      .map((row) => JSON.parse(row.body) as WireMessage)
      .reverse();
    const parsed = parseConversationID(query.conversationID);
    if (parsed?.type === 'C2C') {
      const [peer] = await this.db.query<{ read_seq: number }>(
        'SELECT read_seq FROM user_conversations WHERE app = $1 AND user_id = $2 AND conversation_id = $3',
        [app, parsed.target, `C2C${viewer}`],
      );
      const peerReadSeq = peer?.read_seq ?? 0;
      for (const message of messageList)
        if (message.from === viewer && parsed.target !== viewer) message.isPeerRead = message.sequence <= peerReadSeq;
    }
    return { messageList, nextReqMessageID: messageList[0]?.ID ?? '', isCompleted };
  }

  async getConversationList(app: number, userID: string): Promise<WireConversation[]> {
    const [atRows, rows] = await Promise.all([
      this.db.query<{ conversation_id: string; seq: number; sender: string; at_type: 1 | 2 | 3 }>(
        'SELECT conversation_id, seq, sender, at_type FROM group_at WHERE app = $1 AND user_id = $2 ORDER BY seq',
        [app, userID],
      ),
      listRows(this.db.pool, app, userID),
    ]);
    const atByConversation = new Map<string, WireGroupAtInfo[]>();
    for (const row of atRows) {
      const list = atByConversation.get(row.conversation_id) ?? [];
      list.push({
        from: row.sender,
        groupID: row.conversation_id.slice('GROUP'.length),
        messageSequence: row.seq,
        atType: row.at_type,
      });
      atByConversation.set(row.conversation_id, list);
    }
    return Promise.all(
      rows.map(async (row) => {
        // The user deleted the last message for themself: the one before it that they may still read is shown.
        const body = row.last_hidden ? await newestVisibleBefore(this.db.pool, app, userID, row) : row.body;
        return wireConversation(row, body, atByConversation.get(row.conversation_id));
      }),
    );
  }

  setMessageRead(app: number, userID: string, conversationID: string): Promise<{ readSequence: number }> {
    return this.db.transaction(async (client) => ({
      readSequence: (await markRead(client, app, userID, [conversationID])).get(conversationID) ?? 0,
    }));
  }

  async getMessage(
    app: number,
    conversationKey: string,
    ID: string,
  ): Promise<{ message: WireMessage; visibleTo: string[] | null } | null> {
    const [row] = await this.db.query<{ body: string; audience: string | null }>(
      'SELECT body, audience FROM messages WHERE app = $1 AND conv = $2 AND id = $3',
      [app, conversationKey, ID],
    );
    if (!row) return null;
    return {
      message: JSON.parse(row.body) as WireMessage,
      visibleTo: row.audience === null ? null : (JSON.parse(row.audience) as string[]),
    };
  }
}

/** The newest message before the row's last one that the user may still read (they deleted the last for themself). */
async function newestVisibleBefore(
  q: Queryable,
  app: number,
  userID: string,
  row: { conv: string; last_seq: number; conversation_id: string },
): Promise<string | null> {
  const cleared = await clearedSequence(q, app, userID, row.conversation_id);
  const { rows } = await q.query<{ body: string }>(
    `SELECT body FROM messages WHERE app = $1 AND conv = $2 AND seq < $3 AND seq > $4 AND ${visibleToViewer('$5')}
     ORDER BY seq DESC LIMIT 1`,
    [app, row.conv, row.last_seq, cleared, userID],
  );
  return rows[0]?.body ?? null;
}
