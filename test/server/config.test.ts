import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { configFromEnvironment, DEFAULT_SDKAPPID } from '../../server/config';

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
