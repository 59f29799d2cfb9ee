import type Database from 'better-sqlite3';
import { addGroupManagementColumns } from './sqlite-group-schema';

/**
 * Schema of the embedded store. `messages.body` is the whole wire message as JSON; the columns index it.
 * A `conv` column holds the conversation's storage key (conversation-key.ts); `conversation_id` the
 * public conversationID as that row's user names it.
 */
export const SCHEMA_VERSION = 4;

/*
 * Messages are kept in insertion (rowid) order: a commit appends to the table's last pages and
 * touches one index page per conversation, where a table keyed by (app, conv, seq) rewrote, per
 * conversation, pages holding whole message bodies (its interior pages hold whole rows too).
 * messages_by_id leads with the ID: the SDK's IDs start with their creation time (plugin/message-id.ts),
 * so new entries land at the end of that index too instead of on a random page per message.
 */
const MESSAGES_TABLE = `
CREATE TABLE IF NOT EXISTS messages (
  app INTEGER NOT NULL,
  conv TEXT NOT NULL,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  sender TEXT NOT NULL,
  body TEXT NOT NULL,
  -- who may see it (Audience.visibleTo): for targeted group messages a JSON array, sender included; NULL = every member
  audience TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS messages_by_seq ON messages (app, conv, seq);
CREATE UNIQUE INDEX IF NOT EXISTS messages_by_id ON messages (id, app, conv);`;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

${MESSAGES_TABLE}

CREATE TABLE IF NOT EXISTS conversation_heads (
  app INTEGER NOT NULL,
  conv TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (app, conv)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS user_conversations (
  app INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  conv TEXT NOT NULL,
  type TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  unread INTEGER NOT NULL DEFAULT 0,
  -- milliseconds, made strictly increasing (see SqliteCommit.nextActivityStamp) to order the list
  updated_at INTEGER NOT NULL,
  -- the conversation's sequence this user has read up to (setMessageRead)
  read_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (app, user_id, conversation_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS group_at (
  app INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  sender TEXT NOT NULL,
  at_type INTEGER NOT NULL,
  PRIMARY KEY (app, user_id, conversation_id, seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS groups (
  app INTEGER NOT NULL,
  group_id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  PRIMARY KEY (app, group_id)
) WITHOUT ROWID;

-- A dismissed group's ID stays taken for ever, so its history never goes to whoever creates the ID next.
CREATE TABLE IF NOT EXISTS dismissed_groups (
  app INTEGER NOT NULL,
  group_id TEXT NOT NULL,
  PRIMARY KEY (app, group_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS group_members (
  app INTEGER NOT NULL,
  group_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL,
  join_time INTEGER NOT NULL,
  PRIMARY KEY (app, group_id, user_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS group_members_by_user ON group_members (app, user_id);

CREATE TABLE IF NOT EXISTS friends (
  app INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  friend_id TEXT NOT NULL,
  remark TEXT NOT NULL,
  time INTEGER NOT NULL,
  PRIMARY KEY (app, user_id, friend_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS blacklist (
  app INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  blocked_id TEXT NOT NULL,
  PRIMARY KEY (app, user_id, blocked_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS read_receipts (
  app INTEGER NOT NULL,
  conv TEXT NOT NULL,
  msg_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (app, conv, msg_id, user_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS message_extensions (
  app INTEGER NOT NULL,
  conv TEXT NOT NULL,
  msg_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (app, conv, msg_id, key)
) WITHOUT ROWID;
`;

/** Version 1 and 2 files kept messages in a WITHOUT ROWID table keyed by (app, conv, seq); copies them into the rowid table, in one transaction. */
function moveMessagesToRowidTable(db: Database.Database): void {
  const table = db
    .prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'messages'")
    .get();
  if (!table || !/WITHOUT\s+ROWID/i.test(table.sql)) return;
  db.transaction(() => {
    db.exec('ALTER TABLE messages RENAME TO messages_keyed_by_seq');
    // Both index names followed the renamed table (SCHEMA has just put messages_by_seq on it); free them for the new one.
    db.exec('DROP INDEX IF EXISTS messages_by_id');
    db.exec('DROP INDEX IF EXISTS messages_by_seq');
    db.exec(MESSAGES_TABLE);
    db.exec(`INSERT INTO messages (app, conv, seq, id, sender, body, audience)
      SELECT app, conv, seq, id, sender, body, audience FROM messages_keyed_by_seq ORDER BY app, conv, seq`);
    db.exec('DROP TABLE messages_keyed_by_seq');
  })();
}

/** Files before the time-ordered message index had messages_by_id on (app, conv, id); rebuilt once on (id, app, conv). */
function leadMessageIndexWithID(db: Database.Database): void {
  const first = db
    .prepare<[], { name: string }>("SELECT name FROM pragma_index_info('messages_by_id') WHERE seqno = 0")
    .get();
  if (first?.name !== 'app') return;
  db.transaction(() => {
    db.exec('DROP INDEX messages_by_id');
    db.exec('CREATE UNIQUE INDEX messages_by_id ON messages (id, app, conv)');
  })();
}

/** Version 3 and older files forgot dismissed groups: a group conversation with history but no group was one. */
function rememberDismissedGroups(db: Database.Database, fromVersion: number): void {
  if (fromVersion >= 4) return;
  db.exec(`INSERT OR IGNORE INTO dismissed_groups (app, group_id)
    SELECT DISTINCT m.app, substr(m.conv, 7) FROM messages m
    WHERE m.conv LIKE 'group:%' AND NOT EXISTS (SELECT 1 FROM groups g WHERE g.app = m.app AND g.group_id = substr(m.conv, 7))`);
}

/** Brings an older file up to date: columns that CREATE TABLE IF NOT EXISTS cannot add, the messages table's layout, dismissed groups. */
export function migrate(db: Database.Database): void {
  const stored = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema_version'").get();
  const columns = (table: string) =>
    new Set(
      db
        .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
        .all()
        .map((c) => c.name),
    );
  if (!columns('messages').has('audience')) db.exec('ALTER TABLE messages ADD COLUMN audience TEXT');
  if (!columns('user_conversations').has('read_seq'))
    db.exec('ALTER TABLE user_conversations ADD COLUMN read_seq INTEGER NOT NULL DEFAULT 0');
  addGroupManagementColumns(db, columns);
  const friendColumns = columns('friends');
  for (const [column, definition] of [
    ['source', "TEXT NOT NULL DEFAULT ''"],
    ['wording', "TEXT NOT NULL DEFAULT ''"],
    ['custom', "TEXT NOT NULL DEFAULT '[]'"],
  ])
    if (!friendColumns.has(column)) db.exec(`ALTER TABLE friends ADD COLUMN ${column} ${definition}`);
  moveMessagesToRowidTable(db);
  leadMessageIndexWithID(db);
  rememberDismissedGroups(db, Number(stored?.value ?? 0));
  db.prepare(
    "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(String(SCHEMA_VERSION));
}
