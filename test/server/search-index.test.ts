import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPgStore } from '../../server/store/pg/pg-store';
import { SqliteStore } from '../../server/store/sqlite';
import type { SearchQuery, Store } from '../../server/store/store';
import { freshDatabase, type TestDatabase } from '../helpers/services';
import { searchableText } from '../../server/store/search-rules';
import { SEARCH_INDEX_INTERVAL_MS } from '../../server/store/sqlite-search';
import { wireTextDraft } from '../helpers/wire-message';

/**
 * The cloud-search index. On SQLite it is filled after the commits, in its own transactions: never by the send's
 * commit. On PostgreSQL the commit that stores a message indexes it (a trigger), so every node's search sees it.
 */
const APP = 1400000001;
let dir: string;
let store: SqliteStore;
let counter = 0;

const indexedRows = () => {
  const reader = new Database(join(dir, 'tidings.sqlite'), { readonly: true });
  try {
    return (reader.prepare('SELECT COUNT(*) AS n FROM message_search').get() as { n: number }).n;
  } finally {
    reader.close();
  }
};
const commit = (count: number) =>
  store.commitMessages(
    Array.from({ length: count }, () => ({
      app: APP,
      sender: 'alice',
      draft: wireTextDraft({ ID: `id-${++counter}`, to: 'bob', payload: { text: `hello ${counter}` } }),
    })),
  );
const search = () =>
  store.searchMessages({
    app: APP,
    viewer: 'bob',
    conversation: null,
    keywords: ['hello'],
    matchAll: false,
    senders: [],
    types: [],
    fromTime: null,
    toTime: null,
    cursor: '',
    pageSize: 20,
  });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidings-search-'));
  store = new SqliteStore(dir);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a commit writes nothing to the index; the indexer catches up on its own, a slice at a time', async () => {
  await commit(300);
  expect(indexedRows()).toBe(0);
  const started = Date.now();
  while (indexedRows() < 300 && Date.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(indexedRows()).toBe(300);
  // Five slices of SEARCH_INDEX_SLICE_ROWS, one interval to notice the first: well within a second here.
  expect(Date.now() - started).toBeLessThan(SEARCH_INDEX_INTERVAL_MS + 1000);
});

test('a search indexes what is still pending before it answers, and a reopened store goes on where it stopped', async () => {
  await commit(3);
  expect((await search()).searchResultList).toMatchObject([{ conversationID: 'C2Calice', messageCount: 3 }]);
  await store.close();
  store = new SqliteStore(dir);
  await commit(2);
  expect((await search()).searchResultList).toMatchObject([{ messageCount: 5 }]);
  expect(indexedRows()).toBe(5);
});

test('a revoked message is not found by the text it had', async () => {
  await commit(2);
  const writer = new Database(join(dir, 'tidings.sqlite'));
  writer
    .prepare("UPDATE messages SET body = json_set(body, '$.isRevoked', json('true')) WHERE id = ?")
    .run(`id-${counter}`);
  writer.close();
  expect((await search()).searchResultList).toMatchObject([{ messageCount: 1 }]);
});

test('the text a message is found by: text, file name, custom or location description, merger title', () => {
  expect(searchableText({ payload: { text: 'hi' } })).toBe('hi');
  expect(searchableText({ payload: { fileName: 'report.pdf', fileSize: 3 } })).toBe('report.pdf');
  expect(searchableText({ payload: { data: '{}', description: 'order shipped' } })).toBe('order shipped');
  expect(searchableText({ payload: { title: 'Chat history', abstractList: [] } })).toBe('Chat history');
  expect(searchableText({ payload: { index: 1, data: 'smile' } })).toBe('');
});

describe('PostgreSQL', () => {
  let database: TestDatabase;
  let pgStore: Store;
  let sql: pg.Client;
  const query = (keywords: string[], conversation: SearchQuery['conversation'] = null): SearchQuery => ({
    app: APP,
    viewer: 'bob',
    conversation,
    keywords,
    matchAll: false,
    senders: [],
    types: [],
    fromTime: null,
    toTime: null,
    cursor: '',
    pageSize: 20,
  });
  const sendText = async (ID: string, text: string) => {
    const [outcome] = await pgStore.commitMessages([
      { app: APP, sender: 'alice', draft: wireTextDraft({ ID, to: 'bob', payload: { text } }) },
    ]);
    if (!outcome.ok) throw outcome.error;
    return outcome.message;
  };
  const found = async (keyword: string) =>
    (await pgStore.searchMessages(query([keyword], { key: 'c2c:alice:bob', ID: 'C2Calice' }))).searchResultList.flatMap(
      (result) => result.messageList.map((message) => message.ID),
    );

  beforeEach(async () => {
    database = await freshDatabase();
    pgStore = await openPgStore({ connectionString: database.url });
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });

  afterEach(async () => {
    await sql.end();
    await pgStore.close();
    await database.drop();
  });

  test('the commit that stores messages indexes them: searchable as soon as the send is answered', async () => {
    await pgStore.commitMessages(
      ['one', 'two', 'three'].map((n) => ({
        app: APP,
        sender: 'alice',
        draft: wireTextDraft({ ID: n, to: 'bob', payload: { text: `hello ${n}` } }),
      })),
    );
    const { rows } = await sql.query('SELECT seq, text, type, sender FROM message_search ORDER BY position');
    expect(rows).toEqual(
      ['one', 'two', 'three'].map((n, i) => ({
        seq: String(i + 1),
        text: `hello ${n}`,
        type: 'TIMTextElem',
        sender: 'alice',
      })),
    );
    expect(await found('hello')).toEqual(['three', 'two', 'one']);
  });

  test('the index holds the same searchable text as searchableText, field for field', async () => {
    const payloads: Array<Record<string, unknown>> = [
      { text: 'hi' },
      { text: '' },
      { fileName: 'report.pdf', fileSize: 3 },
      { data: '{}', description: 'order shipped', extension: '' },
      { title: 'Chat history', abstractList: [] },
      { text: 'both', title: 'and a title' },
      { text: 42, description: ['not', 'text'], title: null },
      { index: 1, data: 'smile' },
      { text: '今天天气很好\nline two' },
    ];
    for (const payload of payloads) {
      const { rows } = await sql.query<{ text: string }>('SELECT tidings_searchable_text($1::jsonb) AS text', [
        JSON.stringify(payload),
      ]);
      expect([payload, rows[0].text]).toEqual([payload, searchableText({ payload })]);
    }
  });

  test('a revoked message is not found by the text it had; a modified one is found by the text it was sent with (as SQLite)', async () => {
    const revoked = await sendText('revoked', 'kiwi revoked');
    const modified = await sendText('modified', 'kiwi before');
    await pgStore.replaceMessage(
      APP,
      'c2c:alice:bob',
      { ...revoked, isRevoked: true, revoker: 'alice', version: 1 },
      0,
    );
    await pgStore.replaceMessage(APP, 'c2c:alice:bob', { ...modified, payload: { text: 'kiwi after' }, version: 1 }, 0);
    expect(await found('kiwi')).toEqual(['modified']);
    expect(await found('before')).toEqual(['modified']);
    expect(await found('after')).toEqual([]);
  });

  test('keywords match anywhere, case-insensitively, with %, _ and \\ taken literally', async () => {
    await sendText('percent', 'a 100% sure thing');
    await sendText('digits', 'a 1000 sure thing');
    await sendText('underscore', 'snake_case');
    await sendText('backslash', 'C:\\temp');
    await sendText('chinese', '今天天气很好');
    expect(await found('0%')).toEqual(['percent']);
    expect(await found('E_C')).toEqual(['underscore']);
    expect(await found('%')).toEqual(['percent']);
    expect(await found(':\\t')).toEqual(['backslash']);
    expect(await found('天气')).toEqual(['chinese']);
    expect(await found('SURE THING')).toEqual(['digits', 'percent']);
  });

  test('a keyword of 3 or more characters can be looked up in the trigram index', async () => {
    await sql.query('SET enable_seqscan = off');
    const { rows } = await sql.query<{ 'QUERY PLAN': string }>(
      "EXPLAIN SELECT position FROM message_search WHERE text ILIKE '%meeting%'",
    );
    expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('message_search_by_text');
  });
});
