import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'tidings.lock';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Claims the data folder for this process, so a second server on the same folder stops at start instead of
 * sharing the SQLite file while each keeps its own live connections and counters. A lock left by a server
 * that died (kill -9, power cut) names a process that no longer runs, and is taken over.
 * Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = holderOf(path);
    if (holder !== null && isRunning(holder)) {
      throw new Error(
        `the data folder ${dataDir} is in use by another Tidings server (process ${holder}). ` +
          `Stop that one first, or give this one its own folder with TIDINGS_DATA. If no server runs there, delete ${path}.`,
      );
    }
    rmSync(path, { force: true });
  }
  throw new Error(`could not lock the data folder ${dataDir}: ${path} keeps reappearing`);
}
