import type Database from 'better-sqlite3';
import type { SearchCloudMessagesResult, WireSearchResult } from '../../protocol/chat-actions';
import { TYPES } from '../../protocol/constants';
import { invalid } from '../../protocol/fields';
import type { WireMessage } from '../../protocol/messages';
import type { SearchQuery } from './store';

/** How often the idle indexer looks for new messages. */
export const SEARCH_INDEX_INTERVAL_MS = 250;
/**
 * Messages one background indexing slice (one transaction) takes. The trigram index costs about 0.1 ms
 * a message here (about 2/3 of it when the transaction commits and FTS5 writes its segment), so a slice
 * holds the store thread about 10 ms; while there is more to do the next slice comes after the store's
 * waiting calls (setImmediate), so a commit waits for at most one slice.
 */
export const SEARCH_INDEX_SLICE_ROWS = 64;
/** The reference does not search these. */
const UNSEARCHED_TYPES = [TYPES.MSG_FACE, TYPES.MSG_GRP_TIP, TYPES.MSG_GRP_SYS_NOTICE];

/** The words a message is found by: its text, a file's name, a custom or location message's description, a merger's title. */
export function searchableText(message: Pick<WireMessage, 'payload'>): string {
  const { text, fileName, description, title } = message.payload;
  return [text, fileName, description, title].filter((part) => typeof part === 'string' && part !== '').join('\n');
}

/** A keyword as an FTS5 phrase: quoted, its quotes doubled, so no keyword is read as query syntax. */
const phrase = (keyword: string) => `"${keyword.replace(/"/g, '""')}"`;
/** A keyword as a LIKE pattern that matches it anywhere, its wildcards taken literally. */
const likePattern = (keyword: string) => `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** The trigram index finds keywords of 3 characters or more; shorter ones are matched with LIKE. */
const indexable = (keyword: string) => [...keyword].length >= 3;

interface MatchRow {
  rowid: number;
  conversation_id: string;
}

/**
 * Cloud message search over an FTS5 trigram index (`message_search`, see sqlite-chat-actions-schema.ts).
 * The index is filled from the message log (rowid > the last one indexed) in slices of
 * SEARCH_INDEX_SLICE_ROWS messages, each its own transaction, in the background and before each search answers:
 * so a search always sees every stored message, and a send's commit never writes to the index.
 */
export class SqliteSearch {
  private readonly statements;
  private next: { cancel(): void } | null = null;
  private closed = false;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      indexedUpTo: db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'search_indexed_rowid'"),
      setIndexedUpTo: db.prepare(
        "INSERT INTO meta (key, value) VALUES ('search_indexed_rowid', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ),
      pending: db.prepare<[number, number], { rowid: number; sender: string; body: string }>(
        'SELECT rowid, sender, body FROM messages WHERE rowid > ? ORDER BY rowid LIMIT ?',
      ),
      insert: db.prepare('INSERT INTO message_search (rowid, text, type, sender, time) VALUES (?, ?, ?, ?, ?)'),
      body: db.prepare<[number], { body: string }>('SELECT body FROM messages WHERE rowid = ?'),
    };
    this.schedule(false);
  }

  /** Indexes up to `maxRows` stored messages in one transaction; answers whether it reached the newest. */
  indexPending(maxRows: number): boolean {
    return this.db.transaction(() => {
      const from = Number(this.statements.indexedUpTo.get()?.value ?? 0);
      const rows = this.statements.pending.all(from, Number.isFinite(maxRows) ? maxRows : -1);
      for (const row of rows) {
        const message = JSON.parse(row.body) as WireMessage;
        this.statements.insert.run(row.rowid, searchableText(message), message.type, row.sender, message.time);
      }
      if (rows.length > 0) this.statements.setIndexedUpTo.run(String(rows[rows.length - 1].rowid));
      return rows.length < maxRows;
    })();
  }

  search(query: SearchQuery): SearchCloudMessagesResult {
    this.indexPending(Infinity);
    const matches = this.matches(query);
    return query.conversation ? this.messagePage(query, matches) : this.conversationPage(query, matches);
  }

  close(): void {
    this.closed = true;
    this.next?.cancel();
  }

  /** The next background slice: right after the store's waiting calls while behind, else after an interval. */
  private schedule(behind: boolean): void {
    if (this.closed) return;
    const run = () => this.schedule(!this.indexPending(SEARCH_INDEX_SLICE_ROWS));
    if (behind) {
      const handle = setImmediate(run);
      this.next = { cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(run, SEARCH_INDEX_INTERVAL_MS);
      handle.unref();
      this.next = { cancel: () => clearTimeout(handle) };
    }
  }

  /** Every match the viewer may see, newest first. */
  private matches(query: SearchQuery): MatchRow[] {
    const params: unknown[] = [];
    const conditions: string[] = [];
    const where = (condition: string, ...values: unknown[]) => {
      conditions.push(condition);
      params.push(...values);
    };
    const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');
    let conversations: string;
    if (query.conversation) {
      conversations = 'SELECT ? AS conv, ? AS conversation_id';
      params.push(query.conversation.key, query.conversation.ID);
    } else {
      conversations = `SELECT conv, conversation_id FROM user_conversations WHERE app = ? AND user_id = ? AND type = 'C2C'
        UNION ALL SELECT 'group:' || group_id, 'GROUP' || group_id FROM group_members WHERE app = ? AND user_id = ?`;
      params.push(query.app, query.viewer, query.app, query.viewer);
    }
    params.push(query.app, query.viewer, query.viewer, query.viewer);
    if (query.keywords.length > 0) {
      const each: string[] = [];
      const values: string[] = [];
      for (const keyword of query.keywords) {
        if (indexable(keyword)) {
          each.push('m.rowid IN (SELECT rowid FROM message_search WHERE message_search MATCH ?)');
          values.push(phrase(keyword));
        } else {
          each.push("s.text LIKE ? ESCAPE '\\'");
          values.push(likePattern(keyword));
        }
      }
      where(`(${each.join(query.matchAll ? ' AND ' : ' OR ')})`, ...values);
    }
    if (query.types.length > 0) where(`s.type IN (${placeholders(query.types)})`, ...query.types);
    else where(`s.type NOT IN (${placeholders(UNSEARCHED_TYPES)})`, ...UNSEARCHED_TYPES);
    if (query.senders.length > 0) where(`s.sender IN (${placeholders(query.senders)})`, ...query.senders);
    if (query.fromTime !== null) where('CAST(s.time AS INTEGER) >= ?', query.fromTime);
    if (query.toTime !== null) where('CAST(s.time AS INTEGER) <= ?', query.toTime);
    // Not found: a revoked message by the text it had (the index keeps the text a message was sent with), what
    // the viewer deleted for themself (deleteMessage) or cleared (clearHistoryMessage, deleteConversation).
    // The index finds the candidates when every match needs an indexed keyword; otherwise (short keywords
    // only, or none) walking the caller's conversations first is cheaper than scanning the whole index.
    const { keywords, matchAll } = query;
    const indexLed = keywords.some(indexable) && (matchAll || keywords.every(indexable));
    const join = indexLed ? 'JOIN' : 'CROSS JOIN';
    const sql = `WITH mine (conv, conversation_id) AS (${conversations})
      SELECT m.rowid AS rowid, mine.conversation_id AS conversation_id
      FROM mine ${join} messages m ON m.app = ? AND m.conv = mine.conv
      ${join} message_search s ON s.rowid = m.rowid
      WHERE (m.audience IS NULL OR EXISTS (SELECT 1 FROM json_each(m.audience) WHERE json_each.value = ?))
        AND json_extract(m.body, '$.isRevoked') IS NOT 1
        AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.app = m.app AND h.user_id = ? AND h.conv = m.conv AND h.seq = m.seq)
        AND m.seq > COALESCE((SELECT cs.cleared_seq FROM conversation_settings cs
          WHERE cs.app = m.app AND cs.user_id = ? AND cs.conversation_id = mine.conversation_id), 0)
        AND ${conditions.join(' AND ')}
      ORDER BY m.rowid DESC`;
    return this.db.prepare<unknown[], MatchRow>(sql).all(...params);
  }

  private message(rowid: number): WireMessage {
    return JSON.parse(this.statements.body.get(rowid)!.body) as WireMessage;
  }

  /** One conversation: its matches, newest first, a page at a time; the cursor is the last rowid given. */
  private messagePage(query: SearchQuery, matches: MatchRow[]): SearchCloudMessagesResult {
    const before = query.cursor === '' ? Infinity : cursorNumber(query.cursor, 'm');
    const rest = matches.filter((row) => row.rowid < before);
    const page = rest.slice(0, query.pageSize);
    const searchResultList: WireSearchResult[] =
      page.length === 0
        ? []
        : [
            {
              conversationID: query.conversation!.ID,
              messageCount: matches.length,
              messageList: page.map((row) => this.message(row.rowid)),
            },
          ];
    const more = rest.length > page.length;
    return {
      totalCount: matches.length,
      searchResultList,
      cursor: more ? `m${page[page.length - 1].rowid}` : '',
    };
  }

  /** All conversations: one entry per conversation with matches, the one with the newest match first, a page of conversations at a time. */
  private conversationPage(query: SearchQuery, matches: MatchRow[]): SearchCloudMessagesResult {
    const byConversation = new Map<string, number[]>();
    for (const row of matches) {
      const rowids = byConversation.get(row.conversation_id) ?? [];
      rowids.push(row.rowid);
      byConversation.set(row.conversation_id, rowids);
    }
    const offset = query.cursor === '' ? 0 : cursorNumber(query.cursor, 'c');
    const all = [...byConversation];
    const page = all.slice(offset, offset + query.pageSize);
    return {
      totalCount: all.length,
      searchResultList: page.map(([conversationID, rowids]) => ({
        conversationID,
        messageCount: rowids.length,
        messageList: rowids.length === 1 ? [this.message(rowids[0])] : [],
      })),
      cursor: offset + page.length < all.length ? `c${offset + page.length}` : '',
    };
  }
}

function cursorNumber(cursor: string, kind: 'm' | 'c'): number {
  const value = cursor.startsWith(kind) ? Number(cursor.slice(1)) : NaN;
  if (!Number.isSafeInteger(value) || value < 0)
    throw invalid(
      `cursor ${JSON.stringify(cursor)} is not one searchCloudMessages gave for this search; leave it out to start again.`,
    );
  return value;
}
