import { PgDatabase } from './store/pg/pg-database';
import { migrate } from './store/pg/pg-migrations';
import { MIGRATIONS } from './store/pg/pg-schema';
import { databaseURLFromEnvironment } from './shared-config';

/**
 * `tidings migrate`: brings the PostgreSQL schema at TIDINGS_DATABASE_URL up to this version's,
 * before the nodes start (they would do it themselves, one at a time). Answers what it did, in words.
 */
export async function migrateCommand(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const databaseURL = databaseURLFromEnvironment(env);
  if (!databaseURL) throw new Error('tidings migrate needs TIDINGS_DATABASE_URL (postgres://…)');
  const db = new PgDatabase({ connectionString: databaseURL, maxConnections: 1 });
  try {
    const applied = await migrate(db, MIGRATIONS);
    const newest = Math.max(...MIGRATIONS.map((migration) => migration.version));
    return applied.length > 0
      ? `applied migration${applied.length > 1 ? 's' : ''} ${applied.join(', ')}: the schema is at version ${newest}`
      : `nothing to apply: the schema is at version ${newest}`;
  } finally {
    await db.close();
  }
}
