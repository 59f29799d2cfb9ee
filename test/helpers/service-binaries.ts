import { existsSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** Debian's packages for the PostgreSQL and Redis the tests start: initdb/pg_ctl/postgres and redis-server. */
export const SERVICE_PACKAGES = ['postgresql', 'redis-server'];

/** Where Debian puts each PostgreSQL version's server programs (`<root>/<version>/bin`). */
const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

function onPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, program);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The folder holding initdb and postgres: Debian's newest version, else wherever initdb is on PATH. */
export function postgresBinDir(): string | undefined {
  const versions = existsSync(DEBIAN_POSTGRES_ROOT)
    ? readdirSync(DEBIAN_POSTGRES_ROOT)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const bin = join(DEBIAN_POSTGRES_ROOT, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) return bin;
  }
  const initdb = onPath('initdb');
  return initdb && existsSync(join(dirname(initdb), 'postgres')) ? dirname(initdb) : undefined;
}

export function redisServerPath(): string | undefined {
  return onPath('redis-server');
}

/** What the tests lack to start their own PostgreSQL and Redis, in words; empty when both can start. */
export function missingServiceParts(): string[] {
  const missing: string[] = [];
  if (!postgresBinDir()) missing.push(`PostgreSQL's server programs (initdb, postgres under ${DEBIAN_POSTGRES_ROOT})`);
  if (!redisServerPath()) missing.push('redis-server');
  return missing;
}
