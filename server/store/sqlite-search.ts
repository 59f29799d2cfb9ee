import type Database from 'better-sqlite3';
import type { SearchCloudMessagesResult } from '../../protocol/chat-actions';
import type { WireMessage } from '../../protocol/messages';
import { UNSEARCHED_TYPES, indexable, likePattern, searchPage, searchResult, searchableText } from './search-rules';
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

/** A keyword as an FTS5 phrase: quoted, its quotes doubled, so no keyword is read as query syntax. */
const phrase = (keyword: string) => `"${keyword.replace(/"/g, '""')}"`;

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
    const matches = this.matches(query).map((row) => ({ order: row.rowid, conversationID: row.conversation_id }));
    return searchResult(searchPage(query, matches), (match) => this.message(match.order));
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
}
