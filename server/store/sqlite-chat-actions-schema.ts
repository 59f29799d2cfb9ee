import type Database from 'better-sqlite3';

/**
 * Tables of the issue-15 chat actions, created at store open (CREATE ... IF NOT EXISTS), beside SCHEMA.
 *
 * `message_search` is the cloud-search index: one row per stored message, with its rowid equal to the
 * message's rowid in `messages`. It is filled from `messages` in batches by SqliteSearch, after the
 * commits and in transactions of its own, so a send's commit never writes to it (see docs/search.md).
 * The trigram tokenizer finds any run of 3+ characters inside words, so Chinese text (no spaces
 * between words) is found too; shorter keywords are matched with LIKE over the same table.
 */
export const CHAT_ACTIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS message_reactions (
  app INTEGER NOT NULL,
  conv TEXT NOT NULL,
  msg_id TEXT NOT NULL,
  reaction_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  -- milliseconds: the order users are listed in
  time INTEGER NOT NULL,
  PRIMARY KEY (app, conv, msg_id, reaction_id, user_id)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts5(
  text,
  type UNINDEXED,
  sender UNINDEXED,
  time UNINDEXED,
  tokenize = 'trigram'
);
`;

export function createChatActionTables(db: Database.Database): void {
  db.exec(CHAT_ACTIONS_SCHEMA);
}
