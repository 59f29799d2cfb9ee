import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const SCRIPT = resolve(__dirname, '../../scripts/provision-services.ts');
const isRoot = process.getuid?.() === 0;

/**
 * The step as one file in a folder anyone may read: another user may not reach this checkout
 * (a clone in a private temp folder, as CI makes).
 */
const bundleDir = mkdtempSync(join(tmpdir(), 'tidings-provision-'));
chmodSync(bundleDir, 0o755);
const BUNDLE = join(bundleDir, 'provision-services.js');
buildSync({ entryPoints: [SCRIPT], bundle: true, platform: 'node', outfile: BUNDLE, logLevel: 'silent' });
chmodSync(BUNDLE, 0o644);
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

/** Runs the provisioning step, optionally as another user and with another PATH (set once runuser is found). */
function provision(options: { user?: string; path?: string } = {}): Promise<{ output: string; status: number }> {
  const command = [
    '/usr/bin/env',
    'HOME=/tmp',
    `PATH=${options.path ?? process.env.PATH ?? ''}`,
    process.execPath,
    BUNDLE,
  ];
  const [file, ...args] = options.user ? ['runuser', '-u', options.user, '--', ...command] : command;
  return new Promise((done) => {
    execFile(file, args, { cwd: bundleDir }, (error, stdout, stderr) =>
      done({ output: stdout + stderr, status: error ? Number(error.code ?? 1) : 0 }),
    );
  });
}

describe("npm test's provisioning of PostgreSQL and Redis", () => {
  test('with both installed it does nothing and says nothing', async () => {
    expect(await provision()).toEqual({ output: '', status: 0 });
  });

  // Only root can run it as another user; CI runs as root.
  (isRoot ? test : test.skip)(
    'someone other than root who lacks redis-server is told in one line what to install, and the step fails',
    async () => {
      const run = await provision({ user: 'nobody', path: '/nonexistent' });
      expect(run.status).toBe(1);
      expect(run.output).toBe(
        "npm test needs redis-server: run as root: apt-get install postgresql redis-server (or your system's PostgreSQL and Redis server packages).\n",
      );
    },
  );
});
