/**
 * Friends, friend requests, the blacklist, friend groups and profiles on PostgreSQL: the SQLite
 * tables (sqlite-schema.ts, sqlite-friends.ts, sqlite-friend-groups.ts, sqlite-profiles.ts) with
 * the same names and columns. The commit reads `friends` and `blacklist` for the C2C checks.
 */
export const RELATION_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS friends (
    app BIGINT NOT NULL,
    user_id TEXT NOT NULL,
    friend_id TEXT NOT NULL,
    remark TEXT NOT NULL,
    time BIGINT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    wording TEXT NOT NULL DEFAULT '',
    -- the friend's custom fields: a JSON array of { key, value }
    custom TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (app, user_id, friend_id)
  )`,
  `CREATE TABLE IF NOT EXISTS blacklist (
    app BIGINT NOT NULL,
    user_id TEXT NOT NULL,
    blocked_id TEXT NOT NULL,
    PRIMARY KEY (app, user_id, blocked_id)
  )`,
  `CREATE TABLE IF NOT EXISTS friend_applications (
    app BIGINT NOT NULL,
    from_id TEXT NOT NULL,
    to_id TEXT NOT NULL,
    remark TEXT NOT NULL,
    source TEXT NOT NULL,
    wording TEXT NOT NULL,
    group_name TEXT NOT NULL,
    time BIGINT NOT NULL,
    -- 0 or 1, as in SQLite
    unread INTEGER NOT NULL,
    shown_to_sender INTEGER NOT NULL,
    shown_to_target INTEGER NOT NULL,
    PRIMARY KEY (app, from_id, to_id)
  )`,
  'CREATE INDEX IF NOT EXISTS friend_applications_to ON friend_applications (app, to_id)',
  `CREATE TABLE IF NOT EXISTS friend_groups (
    app BIGINT NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (app, user_id, name)
  )`,
  `CREATE TABLE IF NOT EXISTS friend_group_members (
    app BIGINT NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    friend_id TEXT NOT NULL,
    PRIMARY KEY (app, user_id, name, friend_id)
  )`,
  // A user without a row has the default profile (protocol/profiles.ts); body is the WireProfile as JSON.
  `CREATE TABLE IF NOT EXISTS profiles (
    app BIGINT NOT NULL,
    user_id TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (app, user_id)
  )`,
];
