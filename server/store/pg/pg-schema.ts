import { ACTIONS_TABLES } from './pg-actions-schema';
import { CORE_TABLES } from './pg-core-schema';
import type { Migration } from './pg-migrations';
import { GROUP_TABLES } from './pg-groups-schema';
import { RELATION_TABLES } from './pg-relations-schema';
import { UPLOAD_TABLES } from './pg-uploads-schema';

/**
 * The PostgreSQL schema, as migrations. The tables mirror the SQLite ones (same names, columns and
 * meaning; see server/store/sqlite-*.ts) so each part of the store can read the others' tables.
 * Version 1 is the first schema; each area of the store adds its tables to it through its own
 * `*_TABLES` list. A change after release is a new migration at the end, never an edit of one.
 */
const FIRST_SCHEMA: readonly string[] = [
  ...CORE_TABLES,
  ...GROUP_TABLES,
  ...RELATION_TABLES,
  ...ACTIONS_TABLES,
  ...UPLOAD_TABLES,
];

export const MIGRATIONS: readonly Migration[] = [{ version: 1, description: 'first schema', statements: FIRST_SCHEMA }];
