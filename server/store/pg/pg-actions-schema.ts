import { SEARCHABLE_FIELDS } from '../search-rules';

/** One searchable field of a payload, or NULL when it is not a non-empty string. */
const searchablePart = (field: string) =>
  `CASE WHEN jsonb_typeof(payload -> '${field}') = 'string' THEN NULLIF(payload ->> '${field}', '') END`;

/**
 * A message's searchable text from its stored payload, in SQL: the same as searchableText (search-rules.ts).
 * One expression (array_to_string skips NULLs), so PostgreSQL inlines it into the statements that call it.
 */
const SEARCHABLE_TEXT_FUNCTION = `
CREATE OR REPLACE FUNCTION tidings_searchable_text(payload jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT array_to_string(ARRAY[${SEARCHABLE_FIELDS.map(searchablePart).join(', ')}], E'\\n')
$$`;

/**
 * The tables of revoke/modify/delete-for-me, reactions and cloud search on PostgreSQL.
 *
 * `message_search` is the cloud-search index: one row per stored message, with the text it was sent
 * with (as on SQLite, a modify does not change it; a revoked message is skipped by its body's flag).
 * A statement-level trigger fills it in the commit that stores the messages, so every node's search
 * sees a message as soon as its send is answered; `position` is the order messages were stored in,
 * which orders conversations by their newest match. Its trigram GIN index serves ILIKE for keywords
 * of 3 or more characters, CJK included; shorter ones are matched by scanning the caller's
 * conversations through (app, conv, seq).
 *
 * The trigger is on `messages` (the core's table): these statements must come after the core's.
 */
export const ACTIONS_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS hidden_messages (
    app BIGINT NOT NULL,
    user_id TEXT NOT NULL,
    conv TEXT NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (app, user_id, conv, seq)
  )`,
  `CREATE TABLE IF NOT EXISTS message_reactions (
    app BIGINT NOT NULL,
    conv TEXT NOT NULL,
    msg_id TEXT NOT NULL,
    reaction_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    time BIGINT NOT NULL,
    PRIMARY KEY (app, conv, msg_id, reaction_id, user_id)
  )`,
  'CREATE EXTENSION IF NOT EXISTS pg_trgm',
  `CREATE TABLE IF NOT EXISTS message_search (
    position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    app BIGINT NOT NULL,
    conv TEXT NOT NULL,
    seq BIGINT NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    sender TEXT NOT NULL,
    time BIGINT NOT NULL,
    UNIQUE (app, conv, seq)
  )`,
  'CREATE INDEX IF NOT EXISTS message_search_by_text ON message_search USING gin (text gin_trgm_ops)',
  SEARCHABLE_TEXT_FUNCTION,
  `CREATE OR REPLACE FUNCTION tidings_index_messages() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO message_search (app, conv, seq, text, type, sender, time)
    SELECT stored.app, stored.conv, stored.seq, tidings_searchable_text(parsed.message -> 'payload'),
           parsed.message ->> 'type', stored.sender, (parsed.message ->> 'time')::bigint
    FROM stored CROSS JOIN LATERAL (SELECT stored.body::jsonb AS message) parsed;
    RETURN NULL;
  END
  $$`,
  `CREATE TRIGGER messages_into_search AFTER INSERT ON messages
    REFERENCING NEW TABLE AS stored FOR EACH STATEMENT EXECUTE FUNCTION tidings_index_messages()`,
];
