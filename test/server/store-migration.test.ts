import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WireMessage } from '../../protocol/messages';
import { SqliteStore } from '../../server/store/sqlite';
import { wireTextDraft } from '../helpers/wire-message';

/** A data folder written by schema version 2 (messages in a WITHOUT ROWID table) still works after an upgrade. */
const VERSION_2_TABLES = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE messages (
  app INTEGER NOT NULL, conv TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, sender TEXT NOT NULL, body TEXT NOT NULL, audience TEXT,
  PRIMARY KEY (app, conv, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX messages_by_id ON messages (app, conv, id);
CREATE TABLE conversation_heads (app INTEGER NOT NULL, conv TEXT NOT NULL, last_seq INTEGER NOT NULL, PRIMARY KEY (app, conv)) WITHOUT ROWID;
CREATE TABLE user_conversations (
  app INTEGER NOT NULL, user_id TEXT NOT NULL, conversation_id TEXT NOT NULL, conv TEXT NOT NULL, type TEXT NOT NULL,
  last_seq INTEGER NOT NULL, unread INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL, read_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (app, user_id, conversation_id)
) WITHOUT ROWID;
INSERT INTO meta VALUES ('schema_version', '2');
`;

const APP = 1400000001;
const CONV = 'c2c:alice:bob';

function oldMessage(sequence: number, text: string): WireMessage {
  return {
    ID: `old-${sequence}`,
    type: 'TIMTextElem',
    conversationType: 'C2C',
    to: 'bob',
    payload: { text },
    priority: 'Normal',
    cloudCustomData: '',
    needReadReceipt: false,
    isSupportExtension: false,
    from: 'alice',
    time: 1_700_000_000 + sequence,
    sequence,
  };
}

function writeVersion2Folder(dir: string): void {
  const db = new Database(join(dir, 'tidings.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(VERSION_2_TABLES);
  const insert = db.prepare(
    'INSERT INTO messages (app, conv, seq, id, sender, body, audience) VALUES (?, ?, ?, ?, ?, ?, NULL)',
  );
  for (const message of [oldMessage(1, 'first'), oldMessage(2, 'second')]) {
    insert.run(APP, CONV, message.sequence, message.ID, 'alice', JSON.stringify(message));
  }
  // A group dismissed under version 2: its history stayed, its group row did not.
  const groupMessage = { ...oldMessage(1, 'old secret'), ID: 'old-group-1', conversationType: 'GROUP', to: 'town' };
  insert.run(APP, 'group:town', 1, groupMessage.ID, 'alice', JSON.stringify(groupMessage));
  db.prepare('INSERT INTO conversation_heads VALUES (?, ?, 2)').run(APP, CONV);
  const touch = db.prepare(
    "INSERT INTO user_conversations (app, user_id, conversation_id, conv, type, last_seq, unread, updated_at) VALUES (?, ?, ?, ?, 'C2C', 2, ?, 1)",
  );
  touch.run(APP, 'alice', 'C2Cbob', CONV, 0);
  touch.run(APP, 'bob', 'C2Calice', CONV, 2);
  db.close();
}

describe('a version 2 data folder', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidings-v2-'));
    writeVersion2Folder(dir);
    store = new SqliteStore(dir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('keeps its history and conversation list', async () => {
    const page = await store.getMessageList({
      app: APP,
      conversationKey: CONV,
      conversationID: 'C2Calice',
      viewer: 'bob',
      count: 15,
    });
    expect(page.messageList.map((m) => [m.sequence, m.payload.text])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    expect(page.isCompleted).toBe(true);
    const [bobView] = await store.getConversationList(APP, 'bob');
    expect(bobView).toMatchObject({
      conversationID: 'C2Calice',
      unreadCount: 2,
      lastMessage: { ID: 'old-2', payload: { text: 'second' } },
    });
  });

  test('continues the sequence, and a resend of an old ID is a duplicate', async () => {
    const {
      from: _from,
      time: _time,
      sequence: _sequence,
      ...draft
    } = { ...oldMessage(0, ''), ID: 'new-1', payload: { text: 'third' } };
    const [sent, resent] = await store.commitMessages([
      { app: APP, sender: 'alice', draft },
      { app: APP, sender: 'alice', draft: { ...draft, ID: 'old-1' } },
    ]);
    expect(sent).toMatchObject({ ok: true, duplicate: false, message: { sequence: 3 } });
    expect(resent).toMatchObject({ ok: true, duplicate: true, message: { sequence: 1, payload: { text: 'first' } } });
  });

  test('remembers a group dismissed before the upgrade, so its ID (and history) goes to nobody else', async () => {
    const town = { groupID: 'town', name: 'mine', type: 'Public' as const, ownerID: 'mallory', createTime: 1 };
    await expect(store.createGroup(APP, town, [])).rejects.toMatchObject({ code: 90007 });
    await expect(store.createGroup(APP, { ...town, groupID: 'fresh' }, [])).resolves.toBeUndefined();
  });

  test('has its messages moved to the rowid table, and opens again unchanged', async () => {
    await store.close();
    store = new SqliteStore(dir);
    const db = new Database(join(dir, 'tidings.sqlite'), { readonly: true });
    const tables = db
      .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_schema WHERE name LIKE 'messages%'")
      .all();
    const version = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema_version'").get();
    db.close();
    expect(tables.map((t) => t.name).sort()).toEqual(['messages', 'messages_by_id', 'messages_by_seq']);
    expect(tables.find((t) => t.name === 'messages')!.sql).not.toMatch(/WITHOUT ROWID/i);
    expect(version?.value).toBe('4');
    const page = await store.getMessageList({
      app: APP,
      conversationKey: CONV,
      conversationID: 'C2Cbob',
      viewer: 'alice',
      count: 15,
    });
    expect(page.messageList).toHaveLength(2);
  });
});

test('a file whose messages_by_id led with the conversation gets it led by the ID, and still finds resends', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-v4-'));
  const draft = wireTextDraft({ ID: 'kept', to: 'bob' });
  let store = new SqliteStore(dir);
  await store.commitMessages([{ app: APP, sender: 'alice', draft }]);
  await store.close();
  const db = new Database(join(dir, 'tidings.sqlite'));
  db.exec('DROP INDEX messages_by_id; CREATE UNIQUE INDEX messages_by_id ON messages (app, conv, id)');
  db.close();

  store = new SqliteStore(dir);
  const [resent] = await store.commitMessages([{ app: APP, sender: 'alice', draft }]);
  expect(resent).toMatchObject({ ok: true, duplicate: true, message: { sequence: 1 } });
  await store.close();
  const reopened = new Database(join(dir, 'tidings.sqlite'), { readonly: true });
  const columns = reopened
    .prepare<[], { name: string }>("SELECT name FROM pragma_index_info('messages_by_id') ORDER BY seqno")
    .all();
  reopened.close();
  expect(columns.map((c) => c.name)).toEqual(['id', 'app', 'conv']);
  rmSync(dir, { recursive: true, force: true });
});
