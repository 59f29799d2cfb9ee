import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, lockDataDir } from '../../server/data-lock';

describe('lockDataDir', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'tidings-lock-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
  const lockPath = () => join(dataDir, LOCK_FILE);

  test("writes this process's id, refuses a second claim while held, and allows one after release", () => {
    const release = lockDataDir(dataDir);
    expect(readFileSync(lockPath(), 'utf8').trim()).toBe(String(process.pid));
    expect(() => lockDataDir(dataDir)).toThrow(`is in use by another Tidings server (process ${process.pid})`);
    release();
    expect(existsSync(lockPath())).toBe(false);
    lockDataDir(dataDir)();
  });

  test('creates a data folder that does not exist yet', () => {
    const nested = join(dataDir, 'new', 'folder');
    const release = lockDataDir(nested);
    expect(existsSync(join(nested, LOCK_FILE))).toBe(true);
    release();
  });

  test.each([
    ['a process that has exited', '2147483646'],
    ['no number at all', 'garbage'],
    ['an empty file', ''],
  ])('a lock naming %s is taken over', (_case, content) => {
    writeFileSync(lockPath(), content);
    const release = lockDataDir(dataDir);
    expect(readFileSync(lockPath(), 'utf8').trim()).toBe(String(process.pid));
    release();
  });

  test('a lock held by another running process is respected, and the message says how to recover', () => {
    writeFileSync(lockPath(), `${process.ppid}\n`);
    expect(() => lockDataDir(dataDir)).toThrow(
      new RegExp(
        `process ${process.ppid}\\).*TIDINGS_DATA.*delete ${lockPath().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
      ),
    );
    expect(readFileSync(lockPath(), 'utf8').trim()).toBe(String(process.ppid));
  });
});
