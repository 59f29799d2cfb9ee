import type { SearchCloudMessagesResult } from '../../../protocol/chat-actions';
import type { WireMessage } from '../../../protocol/messages';
import { UNSEARCHED_TYPES, likePattern, searchPage, searchResult, type SearchMatch } from '../search-rules';
import type { SearchQuery, SearchStore } from '../store';
import type { PgDatabase, Queryable } from './pg-database';
import { visibleToViewer } from './pg-conversation-rows';

/** A match: `order` is its sequence in a one-conversation search, else its position in `message_search`. */
interface Match extends SearchMatch {
  position: number;
}

/**
 * Cloud message search over `message_search` (pg-actions-schema.ts), which the commit that stores a
 * message fills: ILIKE over its trigram-indexed text, the caller's conversations, and who may see what.
 */
export class PgSearch implements SearchStore {
  constructor(private readonly db: PgDatabase) {}

  async searchMessages(query: SearchQuery): Promise<SearchCloudMessagesResult> {
    const page = searchPage(query, await matchesOf(this.db.pool, query));
    const shown = page.entries.flatMap((entry) => entry.messages.map((match) => match.position));
    const rows = await this.db.query<{ position: number; body: string }>(
      `SELECT s.position, m.body FROM message_search s
       JOIN messages m ON m.app = s.app AND m.conv = s.conv AND m.seq = s.seq
       WHERE s.position = ANY($1::bigint[])`,
      [shown],
    );
    const bodies = new Map(rows.map((row) => [row.position, row.body]));
    return searchResult(page, (match) => JSON.parse(bodies.get(match.position)!) as WireMessage);
  }
}

/** Every match the viewer may see, newest first. */
async function matchesOf(db: Queryable, query: SearchQuery): Promise<Match[]> {
  const values: unknown[] = [];
  const value = (v: unknown) => `$${values.push(v)}`;
  const app = value(query.app);
  const viewer = value(query.viewer);
  const mine = query.conversation
    ? `SELECT ${value(query.conversation.key)}::text, ${value(query.conversation.ID)}::text`
    : `SELECT conv, conversation_id FROM user_conversations WHERE app = ${app} AND user_id = ${viewer} AND type = 'C2C'
         UNION ALL SELECT 'group:' || group_id, 'GROUP' || group_id FROM group_members WHERE app = ${app} AND user_id = ${viewer}`;
  const conditions: string[] = [];
  if (query.keywords.length > 0) {
    const each = query.keywords.map((keyword) => `s.text ILIKE ${value(likePattern(keyword))} ESCAPE '\\'`);
    conditions.push(`(${each.join(query.matchAll ? ' AND ' : ' OR ')})`);
  }
  if (query.types.length > 0) conditions.push(`s.type = ANY(${value(query.types)}::text[])`);
  else conditions.push(`s.type <> ALL(${value(UNSEARCHED_TYPES)}::text[])`);
  if (query.senders.length > 0) conditions.push(`s.sender = ANY(${value(query.senders)}::text[])`);
  if (query.fromTime !== null) conditions.push(`s.time >= ${value(query.fromTime)}`);
  if (query.toTime !== null) conditions.push(`s.time <= ${value(query.toTime)}`);
  // Not found: a revoked message by the text it had (the index keeps the text a message was sent with), what
  // the viewer deleted for themself (deleteMessage) or cleared (clearHistoryMessage, deleteConversation).
  const order = query.conversation ? 's.seq' : 's.position';
  const { rows } = await db.query<{ order: number; position: number; conversation_id: string }>(
    `WITH mine (conv, conversation_id) AS (${mine})
       SELECT ${order} AS "order", s.position, mine.conversation_id
       FROM mine
       JOIN message_search s ON s.app = ${app} AND s.conv = mine.conv
       JOIN messages ON messages.app = s.app AND messages.conv = s.conv AND messages.seq = s.seq
       WHERE ${visibleToViewer(viewer)}
         AND NOT COALESCE(messages.body::jsonb -> 'isRevoked' IN ('true', '1'), false)
         AND messages.seq > COALESCE((SELECT cs.cleared_seq FROM conversation_settings cs
           WHERE cs.app = messages.app AND cs.user_id = ${viewer} AND cs.conversation_id = mine.conversation_id), 0)
         AND ${conditions.join(' AND ')}
       ORDER BY ${order} DESC`,
    values,
  );
  return rows.map((row) => ({ order: row.order, position: row.position, conversationID: row.conversation_id }));
}
