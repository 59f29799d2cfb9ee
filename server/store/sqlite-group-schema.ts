import type Database from 'better-sqlite3';

/** The group management tables (issue 16): join requests waiting for an owner or admin. */
export const GROUP_MANAGEMENT_SCHEMA = `
CREATE TABLE IF NOT EXISTS group_applications (
  app INTEGER NOT NULL,
  group_id TEXT NOT NULL,
  applicant TEXT NOT NULL,
  note TEXT NOT NULL,
  time INTEGER NOT NULL,
  PRIMARY KEY (app, group_id, applicant)
) WITHOUT ROWID;
`;

/** Columns the group management ops added to the groups and group_members tables; custom fields, attributes and counters are JSON. */
const COLUMNS: ReadonlyArray<[table: string, column: string, definition: string]> = [
  ['groups', 'introduction', "TEXT NOT NULL DEFAULT ''"],
  ['groups', 'notification', "TEXT NOT NULL DEFAULT ''"],
  ['groups', 'avatar', "TEXT NOT NULL DEFAULT ''"],
  ['groups', 'join_option', 'TEXT'],
  ['groups', 'mute_all', 'INTEGER NOT NULL DEFAULT 0'],
  ['groups', 'custom', "TEXT NOT NULL DEFAULT '[]'"],
  ['groups', 'attributes', "TEXT NOT NULL DEFAULT '{}'"],
  ['groups', 'counters', "TEXT NOT NULL DEFAULT '{}'"],
  ['group_members', 'name_card', "TEXT NOT NULL DEFAULT ''"],
  ['group_members', 'mute_until', 'INTEGER NOT NULL DEFAULT 0'],
  ['group_members', 'custom', "TEXT NOT NULL DEFAULT '[]'"],
];

export function addGroupManagementColumns(db: Database.Database, columnsOf: (table: string) => Set<string>): void {
  for (const [table, column, definition] of COLUMNS)
    if (!columnsOf(table).has(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  db.exec(GROUP_MANAGEMENT_SCHEMA);
}
