import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../server/store/sqlite';
import { searchableText } from '../../server/store/search-rules';
import { SEARCH_INDEX_INTERVAL_MS } from '../../server/store/sqlite-search';
import { wireTextDraft } from '../helpers/wire-message';

/** The cloud-search index is filled after the commits, in its own transactions: never by the send's commit. */
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
