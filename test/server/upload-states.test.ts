import { join } from 'node:path';
import { DiskUploadStates } from '../../server/files/disk-uploads';
import { PgUploadStates } from '../../server/files/pg-upload-states';
import type { UploadInfo, UploadStates } from '../../server/files/upload-state';
import { PgDatabase } from '../../server/store/pg/pg-database';
import { migrate } from '../../server/store/pg/pg-migrations';
import { MIGRATIONS } from '../../server/store/pg/pg-schema';
import { tempFolder } from '../helpers/files';
import { freshDatabase, type TestDatabase } from '../helpers/services';

/** One contract for the upload-state port: uploads on disk (one node) and in PostgreSQL (many). */
let folder: ReturnType<typeof tempFolder>;
let database: TestDatabase;
const pools: PgDatabase[] = [];

beforeAll(async () => {
  folder = tempFolder();
  database = await freshDatabase();
  const db = new PgDatabase({ connectionString: database.url });
  pools.push(db);
  await migrate(db, MIGRATIONS);
});
afterAll(async () => {
  for (const pool of pools) await pool.close();
  await database.drop();
  folder.cleanup();
});

/** A second node on the same database: its own pool. */
function pgNode(): PgUploadStates {
  const db = new PgDatabase({ connectionString: database.url });
  pools.push(db);
  return new PgUploadStates(db);
}

const implementations: Array<[string, () => Promise<UploadStates>]> = [
  [
    'DiskUploadStates',
    async () => {
      const states = new DiskUploadStates(join(folder.dir, 'uploads'));
      await states.init();
      return states;
    },
  ],
  ['PgUploadStates', async () => pgNode()],
];

let counter = 0;
function newUpload(): UploadInfo {
  return {
    key: (++counter).toString(16).padStart(32, '0'),
    app: 1400000001,
    owner: 'alice',
    kind: 'image',
    name: 'cat – ü.png',
    mime: 'image/png',
    length: 10_000_000_000,
    createdAt: 1700000000123,
  };
}

const LONG = 60_000;

describe.each(implementations)('%s', (_name, open) => {
  let states: UploadStates;
  beforeAll(async () => {
    states = await open();
  });

  test('a created upload reads back as it was, at offset 0 with no pieces', async () => {
    const upload = newUpload();
    await states.create(upload);
    expect(await states.get(upload.key)).toEqual({ ...upload, offset: 0, pieces: [] });
  });

  test('unknown and hostile keys are no upload, and cannot be locked', async () => {
    for (const key of ['f'.repeat(32), '../../etc/passwd', `${'a'.repeat(32)}.json`, '']) {
      expect(await states.get(key)).toBeNull();
    }
    expect(await states.lock('f'.repeat(32), LONG)).toBeNull();
  });

  test('while a lease is held no other is given; once unlocked, the next one is', async () => {
    const upload = newUpload();
    await states.create(upload);
    const first = await states.lock(upload.key, LONG);
    expect(first?.upload).toEqual({ ...upload, offset: 0, pieces: [] });
    expect(await states.lock(upload.key, LONG)).toBeNull();
    await states.unlock(upload.key, first!.lease);
    const second = await states.lock(upload.key, LONG);
    expect(second).not.toBeNull();
    expect(second!.lease).not.toBe(first!.lease);
  });

  test('advancing under the lease records the offset and adds the pieces, in order', async () => {
    const upload = newUpload();
    await states.create(upload);
    const { lease } = (await states.lock(upload.key, LONG))!;
    expect(await states.advance(upload.key, lease, 100, ['p0', 'p1'])).toBe(true);
    expect(await states.advance(upload.key, lease, 250, ['p2'])).toBe(true);
    await states.unlock(upload.key, lease);
    const next = await states.lock(upload.key, LONG);
    expect(next?.upload).toMatchObject({ offset: 250, pieces: ['p0', 'p1', 'p2'] });
  });

  test('a lease that ran out is given to the next PATCH; the old holder can then neither advance, renew nor unlock it', async () => {
    const upload = newUpload();
    await states.create(upload);
    const dead = (await states.lock(upload.key, 0))!;
    const next = await states.lock(upload.key, LONG);
    expect(next).not.toBeNull();
    expect(await states.advance(upload.key, dead.lease, 999, ['late'])).toBe(false);
    expect(await states.renew(upload.key, dead.lease, LONG)).toBe(false);
    await states.unlock(upload.key, dead.lease);
    expect(await states.lock(upload.key, LONG)).toBeNull();
    expect(await states.get(upload.key)).toMatchObject({ offset: 0, pieces: [] });
    expect(await states.advance(upload.key, next!.lease, 10, ['live'])).toBe(true);
  });

  test('a renewed lease holds again, even after it ran out, if no one took it', async () => {
    const upload = newUpload();
    await states.create(upload);
    const held = (await states.lock(upload.key, 0))!;
    expect(await states.renew(upload.key, held.lease, LONG)).toBe(true);
    expect(await states.lock(upload.key, LONG)).toBeNull();
  });

  test('a removed upload is gone: no state, no lease, no advance', async () => {
    const upload = newUpload();
    await states.create(upload);
    const { lease } = (await states.lock(upload.key, LONG))!;
    await states.remove(upload.key);
    expect(await states.get(upload.key)).toBeNull();
    expect(await states.advance(upload.key, lease, 5, [])).toBe(false);
    expect(await states.lock(upload.key, LONG)).toBeNull();
  });
});

describe('PgUploadStates on two nodes', () => {
  test('a lease taken on one node holds on the other', async () => {
    const [one, two] = [pgNode(), pgNode()];
    const upload = newUpload();
    await one.create(upload);
    expect(await two.get(upload.key)).toEqual({ ...upload, offset: 0, pieces: [] });
    const held = (await one.lock(upload.key, LONG))!;
    expect(await two.lock(upload.key, LONG)).toBeNull();
    await one.advance(upload.key, held.lease, 42, ['a']);
    await one.unlock(upload.key, held.lease);
    expect((await two.lock(upload.key, LONG))?.upload).toMatchObject({ offset: 42, pieces: ['a'] });
  });

  test('of many nodes asking at once, exactly one gets the lease', async () => {
    const nodes = [pgNode(), pgNode(), pgNode(), pgNode()];
    const upload = newUpload();
    await nodes[0].create(upload);
    const answers = await Promise.all(
      nodes.flatMap((node) => [node.lock(upload.key, LONG), node.lock(upload.key, LONG)]),
    );
    expect(answers.filter((answer) => answer !== null)).toHaveLength(1);
  });
});
