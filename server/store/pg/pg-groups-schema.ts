/**
 * The group tables on PostgreSQL: groups and their members (sqlite-schema.ts plus the columns of
 * sqlite-group-schema.ts), join requests, and community topics (sqlite-topics.ts). Same names,
 * columns and meaning as SQLite; custom fields, attributes and counters are JSON kept as TEXT.
 */
export const GROUP_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS groups (
    app BIGINT NOT NULL,
    group_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    create_time BIGINT NOT NULL,
    introduction TEXT NOT NULL DEFAULT '',
    notification TEXT NOT NULL DEFAULT '',
    avatar TEXT NOT NULL DEFAULT '',
    join_option TEXT,
    mute_all BIGINT NOT NULL DEFAULT 0,
    custom TEXT NOT NULL DEFAULT '[]',
    attributes TEXT NOT NULL DEFAULT '{}',
    counters TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (app, group_id)
  )`,
  // A dismissed group's ID stays taken for ever, so its history never goes to whoever creates the ID next.
  `CREATE TABLE IF NOT EXISTS dismissed_groups (
    app BIGINT NOT NULL,
    group_id TEXT NOT NULL,
    PRIMARY KEY (app, group_id)
  )`,
  `CREATE TABLE IF NOT EXISTS group_members (
    app BIGINT NOT NULL,
    group_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    role TEXT NOT NULL,
    join_time BIGINT NOT NULL,
    name_card TEXT NOT NULL DEFAULT '',
    mute_until BIGINT NOT NULL DEFAULT 0,
    custom TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (app, group_id, user_id)
  )`,
  'CREATE INDEX IF NOT EXISTS group_members_by_user ON group_members (app, user_id)',
  `CREATE TABLE IF NOT EXISTS group_applications (
    app BIGINT NOT NULL,
    group_id TEXT NOT NULL,
    applicant TEXT NOT NULL,
    note TEXT NOT NULL,
    time BIGINT NOT NULL,
    PRIMARY KEY (app, group_id, applicant)
  )`,
  `CREATE TABLE IF NOT EXISTS topic_communities (
    app BIGINT NOT NULL,
    group_id TEXT NOT NULL,
    PRIMARY KEY (app, group_id)
  )`,
  `CREATE TABLE IF NOT EXISTS topics (
    app BIGINT NOT NULL,
    topic_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    name TEXT NOT NULL,
    avatar TEXT NOT NULL,
    introduction TEXT NOT NULL,
    notification TEXT NOT NULL,
    custom_data TEXT NOT NULL,
    create_time BIGINT NOT NULL,
    PRIMARY KEY (app, topic_id)
  )`,
  'CREATE INDEX IF NOT EXISTS topics_by_group ON topics (app, group_id)',
];
