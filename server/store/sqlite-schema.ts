/** Schema of the embedded store. `messages.body` is the whole wire message as JSON; the columns index it. */
export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS messages (
  app INTEGER NOT NULL,
  conv TEXT NOT NULL,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  sender TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (app, conv, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS messages_by_id ON messages (app, conv, id);

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
  -- milliseconds, made strictly increasing (see SqliteStore.nextActivityStamp) to order the list
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (app, user_id, conversation_id)
) WITHOUT ROWID;
`;
