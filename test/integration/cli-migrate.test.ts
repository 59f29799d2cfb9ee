import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { MIGRATIONS } from '../../server/store/pg/pg-schema';
import { freshDatabase, type TestDatabase } from '../helpers/services';

const BIN = resolve(__dirname, '../../bin/tidings.js');

/** Runs `tidings …` (from dist/) without blocking the event loop; answers what it printed and its exit status. */
function tidings(args: string[], env: Record<string, string>): Promise<{ output: string; status: number }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      done({ output: stdout + stderr, status: error ? Number(error.code ?? 1) : 0 });
    });
  });
}

async function appliedVersions(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM tidings_schema_migrations ORDER BY version',
    );
    return rows.map((row) => row.version);
  } finally {
    await client.end();
  }
}

describe('tidings migrate', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase();
  });
  afterEach(() => database.drop());

  const versions = MIGRATIONS.map((migration) => migration.version).sort((a, b) => a - b);
  const newest = versions[versions.length - 1];

  test('on a new database it applies every migration and says which; a second run finds nothing to do', async () => {
    const first = await tidings(['migrate'], { TIDINGS_DATABASE_URL: database.url });
    expect(first).toEqual({
      status: 0,
      output: `tidings migrate: applied migration${versions.length > 1 ? 's' : ''} ${versions.join(', ')}: the schema is at version ${newest}\n`,
    });
    expect(await appliedVersions(database.url)).toEqual(versions);

    const second = await tidings(['migrate'], { TIDINGS_DATABASE_URL: database.url });
    expect(second).toEqual({
      status: 0,
      output: `tidings migrate: nothing to apply: the schema is at version ${newest}\n`,
    });
    expect(await appliedVersions(database.url)).toEqual(versions);
  });

  test('needs no Redis, S3 or secret key, only the database', async () => {
    const run = await tidings(['migrate'], {
      TIDINGS_DATABASE_URL: database.url,
      TIDINGS_REDIS_URL: '',
      TIDINGS_S3_BUCKET: '',
      TIDINGS_SECRET_KEY: '',
    });
    expect(run.status).toBe(0);
  });

  test.each([
    ['', /^tidings migrate: tidings migrate needs TIDINGS_DATABASE_URL/],
    ['mysql://db.internal/tidings', /^tidings migrate: TIDINGS_DATABASE_URL must be a URL like postgres:/],
    ['postgres://postgres@127.0.0.1:1/postgres', /^tidings migrate: .*ECONNREFUSED/],
  ])('with TIDINGS_DATABASE_URL=%j it fails with a message saying why', async (url, message) => {
    const run = await tidings(['migrate'], { TIDINGS_DATABASE_URL: url });
    expect(run.status).toBe(1);
    expect(run.output).toMatch(message);
  });
});
