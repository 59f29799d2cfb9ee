/**
 * Tables of the messages, conversations and receipts part (pg-messages.ts, pg-conversations.ts,
 * pg-receipts.ts), mirroring sqlite-schema.ts, sqlite-conversations.ts and sqlite-conversation-groups.ts.
 * `messages.body` is the wire message's JSON exactly as frames embed it; `audience` a JSON array or NULL.
 */
export const CORE_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS messages (
     app BIGINT NOT NULL,
     conv TEXT NOT NULL,
     seq BIGINT NOT NULL,
     id TEXT NOT NULL,
     sender TEXT NOT NULL,
     body TEXT NOT NULL,
     audience TEXT,
     PRIMARY KEY (app, conv, seq)
   )`,
  // An ID is stored once per conversation, whichever node commits it (pg-commit.ts relies on it).
  'CREATE UNIQUE INDEX IF NOT EXISTS messages_by_id ON messages (id, app, conv)',
  // Also each conversation's sequence counter: a commit locks its conversations' rows here.
  // last_time (not in SQLite): the newest message's time, so times never go back in a conversation
  // even when nodes' clocks differ (hopping's binary search relies on it).
  `CREATE TABLE IF NOT EXISTS conversation_heads (
     app BIGINT NOT NULL,
     conv TEXT NOT NULL,
     last_seq BIGINT NOT NULL,
     last_time BIGINT NOT NULL DEFAULT 0,
     PRIMARY KEY (app, conv)
   )`,
  `CREATE TABLE IF NOT EXISTS user_conversations (
     app BIGINT NOT NULL,
     user_id TEXT NOT NULL,
     conversation_id TEXT NOT NULL,
     conv TEXT NOT NULL,
     type TEXT NOT NULL,
     last_seq BIGINT NOT NULL,
     unread BIGINT NOT NULL DEFAULT 0,
     updated_at BIGINT NOT NULL,
     read_seq BIGINT NOT NULL DEFAULT 0,
     PRIMARY KEY (app, user_id, conversation_id)
   )`,
  `CREATE TABLE IF NOT EXISTS group_at (
     app BIGINT NOT NULL,
     user_id TEXT NOT NULL,
     conversation_id TEXT NOT NULL,
     seq BIGINT NOT NULL,
     sender TEXT NOT NULL,
     at_type INTEGER NOT NULL,
     PRIMARY KEY (app, user_id, conversation_id, seq)
   )`,
  `CREATE TABLE IF NOT EXISTS read_receipts (
     app BIGINT NOT NULL,
     conv TEXT NOT NULL,
     msg_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     PRIMARY KEY (app, conv, msg_id, user_id)
   )`,
  `CREATE TABLE IF NOT EXISTS message_extensions (
     app BIGINT NOT NULL,
     conv TEXT NOT NULL,
     msg_id TEXT NOT NULL,
     key TEXT NOT NULL,
     value TEXT NOT NULL,
     PRIMARY KEY (app, conv, msg_id, key)
   )`,
  `CREATE TABLE IF NOT EXISTS conversation_settings (
     app BIGINT NOT NULL,
     user_id TEXT NOT NULL,
     conversation_id TEXT NOT NULL,
     pinned INTEGER NOT NULL DEFAULT 0,
     remind_type TEXT NOT NULL DEFAULT 'AcceptAndNotify',
     marks INTEGER NOT NULL DEFAULT 0,
     draft TEXT NOT NULL DEFAULT '',
     custom_data TEXT NOT NULL DEFAULT '',
     hidden_at BIGINT NOT NULL DEFAULT -1,
     cleared_seq BIGINT NOT NULL DEFAULT 0,
     PRIMARY KEY (app, user_id, conversation_id)
   )`,
  `CREATE TABLE IF NOT EXISTS conversation_groups (
     app BIGINT NOT NULL,
     user_id TEXT NOT NULL,
     group_name TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     PRIMARY KEY (app, user_id, group_name)
   )`,
  `CREATE TABLE IF NOT EXISTS conversation_group_members (
     app BIGINT NOT NULL,
     user_id TEXT NOT NULL,
     conversation_id TEXT NOT NULL,
     group_name TEXT NOT NULL,
     PRIMARY KEY (app, user_id, conversation_id, group_name)
   )`,
];
