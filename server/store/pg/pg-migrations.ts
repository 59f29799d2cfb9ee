import type { PgDatabase } from './pg-database';

/** One step of the schema: applied once, in version order, in its own transaction. */
export interface Migration {
  version: number;
  description: string;
  statements: readonly string[];
}

/** Any number taken by every Tidings node: two nodes starting at once migrate one after the other. */
const MIGRATION_LOCK = 7_146_900_001;

/** Brings the database's schema up to the newest migration; answers the versions it applied. */
export async function migrate(db: PgDatabase, migrations: readonly Migration[]): Promise<number[]> {
  return db.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS tidings_schema_migrations (
         version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM tidings_schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    const known = Math.max(0, ...migrations.map((migration) => migration.version));
    if (newest > known)
      throw new Error(
        `the database's schema is version ${newest}, newer than this Tidings knows (${known}): upgrade Tidings`,
      );
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO tidings_schema_migrations (version, description) VALUES ($1, $2)', [
        migration.version,
        migration.description,
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
