/**
 * What the bench's processes share: the app credentials, how to start a TypeScript child, and
 * reading another process's memory and CPU time from /proc (Linux).
 */
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO_ROOT = resolve(__dirname, '..');
export const BENCH_SDKAPPID = 1400000001;
export const BENCH_SECRET_KEY = 'tidings-bench-secret-key-not-for-production';

/** Starts `node --import tsx <file> ...args`: one real node process, so its pid is the one to measure. */
export function spawnTypeScript(file: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const loader = pathToFileURL(require.resolve('tsx')).href;
  return spawn(process.execPath, ['--import', loader, file, ...args], { cwd: REPO_ROOT, ...options });
}

/** Resident set size in KB, from /proc/<pid>/status. */
export function readRssKB(pid: number | 'self'): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** User + system CPU seconds a process has used so far, from /proc/<pid>/stat. */
export function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "pid (comm) ": state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
}

/** The soft limit on open files of a process. */
export function openFilesLimit(pid: number | 'self'): number {
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  if (!match || match[1] === 'unlimited') return Number.POSITIVE_INFINITY;
  return Number(match[1]);
}

/** A whole-number knob from the environment (BENCH_…), or its default. */
export function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number ≥ ${min}, got ${JSON.stringify(raw)}`);
  return value;
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1];
}

/** Bytes a process has caused to be sent to the storage layer so far, from /proc/<pid>/io. */
export function readDiskWriteBytes(pid: number): number {
  const match = /^write_bytes:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
  return match ? Number(match[1]) : Number.NaN;
}
