import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { configFromEnvironment, DEFAULT_SDKAPPID } from '../../server/config';
import { DEFAULT_SETTINGS } from '../../server/settings';

describe('server configuration from the environment', () => {
  test('with no key given, one is made on first start, kept private in the data folder, and reused', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tidings-config-'));
    const first = configFromEnvironment({ TIDINGS_DATA: dataDir });
    expect(first.secretKeyCreated).toBe(true);
    expect(first.secretKey).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dataDir, 'secret-key')).mode & 0o777).toBe(0o600);
    const second = configFromEnvironment({ TIDINGS_DATA: dataDir });
    expect(second).toMatchObject({
      secretKey: first.secretKey,
      secretKeyCreated: false,
      SDKAppID: DEFAULT_SDKAPPID,
      port: 8080,
    });
  });

  test('TIDINGS_SECRET_KEY wins and nothing is written', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tidings-config-'));
    expect(configFromEnvironment({ TIDINGS_DATA: dataDir, TIDINGS_SECRET_KEY: 's3cret' }).secretKey).toBe('s3cret');
    expect(() => readFileSync(join(dataDir, 'secret-key'))).toThrow();
  });

  test('dev mode and a static folder are off unless asked for; TIDINGS_DEV takes 1/true/0/false', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tidings-config-'));
    const base = { TIDINGS_DATA: dataDir, TIDINGS_SECRET_KEY: 'k' };
    expect(configFromEnvironment(base)).toMatchObject({ dev: false, staticDir: undefined });
    expect(configFromEnvironment({ ...base, TIDINGS_DEV: '1', TIDINGS_STATIC: 'dist/web' })).toMatchObject({
      dev: true,
      staticDir: resolve('dist/web'),
    });
    expect(configFromEnvironment({ ...base, TIDINGS_DEV: 'true' }).dev).toBe(true);
    expect(configFromEnvironment({ ...base, TIDINGS_DEV: '0' }).dev).toBe(false);
    expect(configFromEnvironment({ ...base, TIDINGS_DEV: 'false' }).dev).toBe(false);
  });

  test.each([
    ['PORT', 'eighty'],
    ['PORT', '-1'],
    ['TIDINGS_SDKAPPID', '1.5'],
    ['TIDINGS_SDKAPPID', '0'],
    ['TIDINGS_DEV', 'yes'],
    ['TIDINGS_DEV', 'on'],
  ])('%s=%j is refused with a message naming it', (name, value) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tidings-config-'));
    expect(() => configFromEnvironment({ TIDINGS_DATA: dataDir, TIDINGS_SECRET_KEY: 'k', [name]: value })).toThrow(
      name,
    );
  });
});

describe('a node of a shared deployment (TIDINGS_DATABASE_URL set)', () => {
  const SHARED = {
    TIDINGS_DATABASE_URL: 'postgres://tidings:pw@db.internal:5432/tidings',
    TIDINGS_REDIS_URL: 'redis://cache.internal:6379',
    TIDINGS_S3_BUCKET: 'tidings-files',
    TIDINGS_S3_REGION: 'eu-west-1',
    TIDINGS_SECRET_KEY: 'the-same-on-every-node',
  };

  /** A data folder the config is pointed at but must not touch; it does not exist yet. */
  function untouchedDataDir(): string {
    return join(mkdtempSync(join(tmpdir(), 'tidings-config-')), 'data');
  }

  test('reads PostgreSQL, Redis and S3 from the environment, settings from the defaults, and has no data folder', () => {
    const dataDir = untouchedDataDir();
    const config = configFromEnvironment({ ...SHARED, TIDINGS_DATA: dataDir });
    expect(config.dataDir).toBeUndefined();
    expect(config).toMatchObject({
      secretKey: 'the-same-on-every-node',
      secretKeyCreated: false,
      shared: {
        databaseURL: SHARED.TIDINGS_DATABASE_URL,
        redisURL: SHARED.TIDINGS_REDIS_URL,
        s3: { bucket: 'tidings-files', region: 'eu-west-1' },
        settings: DEFAULT_SETTINGS,
      },
    });
    expect(config.shared?.s3).not.toHaveProperty('endpoint');
    expect(existsSync(dataDir)).toBe(false);
  });

  test('takes an S3-compatible endpoint, rediss:// and postgresql://, and settings as JSON in TIDINGS_SETTINGS', () => {
    const config = configFromEnvironment({
      ...SHARED,
      TIDINGS_DATABASE_URL: 'postgresql://db.internal/tidings',
      TIDINGS_REDIS_URL: 'rediss://:secret@cache.internal:6380',
      TIDINGS_S3_ENDPOINT: 'http://127.0.0.1:4569',
      TIDINGS_SETTINGS: JSON.stringify({ friendCheck: true, moderationWords: ['spam'] }),
    });
    expect(config.shared).toMatchObject({
      databaseURL: 'postgresql://db.internal/tidings',
      redisURL: 'rediss://:secret@cache.internal:6380',
      s3: { endpoint: 'http://127.0.0.1:4569' },
      settings: { ...DEFAULT_SETTINGS, friendCheck: true, moderationWords: ['spam'] },
    });
  });

  test('without TIDINGS_SECRET_KEY it refuses to start (a key made per node would not be shared) and writes nothing', () => {
    const dataDir = untouchedDataDir();
    expect(() => configFromEnvironment({ ...SHARED, TIDINGS_SECRET_KEY: '', TIDINGS_DATA: dataDir })).toThrow(
      'a node of a shared deployment needs TIDINGS_SECRET_KEY, the same on every node',
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  test.each(['TIDINGS_REDIS_URL', 'TIDINGS_S3_BUCKET', 'TIDINGS_S3_REGION'])(
    'without %s it refuses to start, naming the variable',
    (name) => {
      const env: Record<string, string> = { ...SHARED };
      delete env[name];
      expect(() => configFromEnvironment(env)).toThrow(new RegExp(`^a node of a shared deployment .*needs ${name}`));
    },
  );

  test.each([
    ['TIDINGS_DATABASE_URL', 'mysql://db.internal/tidings'],
    ['TIDINGS_DATABASE_URL', 'db.internal:5432'],
    ['TIDINGS_DATABASE_URL', 'postgres://'],
    ['TIDINGS_REDIS_URL', 'http://cache.internal:6379'],
    ['TIDINGS_REDIS_URL', 'cache.internal:6379'],
    ['TIDINGS_S3_ENDPOINT', 'ftp://files.internal'],
    ['TIDINGS_S3_ENDPOINT', 'not a url'],
    ['TIDINGS_S3_BUCKET', 'Tidings_Files'],
    ['TIDINGS_S3_BUCKET', 'ab'],
    ['TIDINGS_S3_REGION', 'eu west 1'],
    ['TIDINGS_SETTINGS', '{"friendCheck": tru'],
    ['TIDINGS_SETTINGS', '[]'],
  ])('%s=%j is refused with a message naming it', (name, value) => {
    expect(() => configFromEnvironment({ ...SHARED, [name]: value })).toThrow(new RegExp(`^${name}[ :]`));
  });

  test('a wrong setting in TIDINGS_SETTINGS is refused by the same checks as tidings.config.json, naming the variable', () => {
    expect(() => configFromEnvironment({ ...SHARED, TIDINGS_SETTINGS: '{"pushAttempts": 0}' })).toThrow(
      'TIDINGS_SETTINGS: pushAttempts must be a whole number from 1 to 100000, got 0',
    );
    expect(() => configFromEnvironment({ ...SHARED, TIDINGS_SETTINGS: '{"friendChek": true}' })).toThrow(
      /^TIDINGS_SETTINGS: unknown setting "friendChek"/,
    );
  });

  test("an error never shows a URL's password", () => {
    expect(() => configFromEnvironment({ ...SHARED, TIDINGS_REDIS_URL: 'http://:hunter2@cache.internal' })).toThrow(
      /^TIDINGS_REDIS_URL must be a URL like redis:\/\/host:6379, got "http:\/\/:\*\*\*@cache.internal\/"$/,
    );
  });

  test.each(['TIDINGS_REDIS_URL', 'TIDINGS_S3_BUCKET', 'TIDINGS_SETTINGS'])(
    'a single server (no TIDINGS_DATABASE_URL) refuses %s rather than ignore it',
    (name) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tidings-config-'));
      const env = {
        TIDINGS_DATA: dataDir,
        TIDINGS_SECRET_KEY: 'k',
        [name]: (SHARED as Record<string, string>)[name] ?? '{}',
      };
      expect(() => configFromEnvironment(env)).toThrow(`${name} is for the nodes of a shared deployment`);
    },
  );
});
