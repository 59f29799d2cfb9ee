/**
 * Deployments of the real server for the several-nodes bench: N `bin/tidings.js start` processes
 * sharing one secret key, on SQLite (one node, its own data folder) or on PostgreSQL + Redis. A
 * PostgreSQL deployment gets its own database (CREATE DATABASE bench_<random>, dropped at stop) and
 * its own Redis prefix (its keys deleted at stop); the machine's services are never flushed or restarted.
 */
import { startS3Server } from '../test/helpers/s3-server';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import pg from 'pg';
import { REPO_ROOT } from './common';
import type { PostgresProbe, RedisProbe, ShapeKey } from './multi-node-types';
import { startRelay, startTidings, type Target } from './server';

/** The server's setting for a Redis key and channel prefix (issue 17's Redis bus); the bench sets it on every node. */
export const REDIS_PREFIX_ENV = 'TIDINGS_REDIS_PREFIX';

export interface Services {
  /** An admin connection: the bench creates and drops its databases through it. */
  databaseURL: string;
  redisURL: string;
}

export function servicesFromEnvironment(): Services {
  return {
    databaseURL: process.env.TIDINGS_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisURL: process.env.TIDINGS_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}

const CONNECT_TIMEOUT_MS = 3000;

/** Why PostgreSQL or Redis cannot be used (one line), or null when both answer. */
export async function servicesUnreachable(services: Services): Promise<string | null> {
  const client = new pg.Client({ connectionString: services.databaseURL, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    return `PostgreSQL at ${redact(services.databaseURL)} is not reachable (${errorText(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(services.redisURL, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return `Redis at ${redact(services.redisURL)} is not reachable (${errorText(error)})`;
  } finally {
    redis.disconnect();
  }
  return null;
}

/** Whether the built server reads this variable (its config, CLI or server): a build from before the Redis bus ignores TIDINGS_REDIS_URL. */
export function serverSupports(variable: string): boolean {
  const server = resolve(process.env.BENCH_TIDINGS_ROOT ?? REPO_ROOT, 'dist/node/server');
  return ['config.js', 'cli.js', 'server.js'].some((file) => {
    const path = join(server, file);
    return existsSync(path) && readFileSync(path, 'utf8').includes(variable);
  });
}

export interface ShapeSpec {
  key: ShapeKey;
  label: string;
  nodes: number;
  /** relay: the baseline; sqlite: the default server; postgres: PostgreSQL + Redis. */
  kind: 'relay' | 'sqlite' | 'postgres';
}

export const SHAPES: readonly ShapeSpec[] = [
  { key: 'relay', label: 'relay (baseline)', nodes: 1, kind: 'relay' },
  { key: 'sqlite-1', label: '1 node, SQLite', nodes: 1, kind: 'sqlite' },
  { key: 'postgres-1', label: '1 node, PostgreSQL + Redis', nodes: 1, kind: 'postgres' },
  { key: 'postgres-3', label: '3 nodes, PostgreSQL + Redis', nodes: 3, kind: 'postgres' },
];

export interface Deployment {
  spec: ShapeSpec;
  nodes: Target[];
  postgres: PostgresProbe | null;
  redis: RedisProbe | null;
  isRunning(): boolean;
  /** Stops every node, then drops the database and deletes the Redis keys it made. */
  stop(): Promise<void>;
}

export interface DeploymentOptions {
  services: Services;
  nodeArgs: string[];
  /** Written to each node's tidings.config.json, so the fan-out load is not refused by the group limit. */
  groupMessagesPerSecond: number;
}

/** Clean-ups of deployments still up, for a bench stopped by a signal. */
const pending = new Set<() => Promise<void>>();

export async function stopAllDeployments(): Promise<void> {
  await Promise.all([...pending].map((cleanUp) => cleanUp().catch(() => undefined)));
}

/** The URL with another database name in its path. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function adminQuery(services: Services, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: services.databaseURL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Deletes the keys under `prefix` (and only those), a batch at a time. */
async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function nodeDataFolder(groupMessagesPerSecond: number): string {
  const dir = mkdtempSync(join(process.env.BENCH_DATA_PARENT ?? tmpdir(), 'tidings-bench-node-'));
  writeFileSync(join(dir, 'tidings.config.json'), `${JSON.stringify({ groupMessagesPerSecond }, null, 2)}\n`);
  return dir;
}

export async function startDeployment(spec: ShapeSpec, options: DeploymentOptions): Promise<Deployment> {
  const nodes: Target[] = [];
  const cleanUps: Array<() => Promise<void>> = [];
  const cleanUp = async () => {
    pending.delete(cleanUp);
    await Promise.all(nodes.map((node) => node.stop()));
    for (const step of cleanUps.reverse()) await step();
  };
  pending.add(cleanUp);
  try {
    if (spec.kind === 'relay') {
      nodes.push(await startRelay());
      return deployment(spec, nodes, null, null, cleanUp);
    }
    const env: Record<string, string> = {};
    let postgres: PostgresProbe | null = null;
    let redis: RedisProbe | null = null;
    if (spec.kind === 'postgres') {
      const suffix = randomBytes(6).toString('hex');
      const database = `bench_${suffix}`;
      await adminQuery(options.services, `CREATE DATABASE ${database}`);
      cleanUps.push(() => adminQuery(options.services, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      postgres = { adminURL: options.services.databaseURL, database };
      redis = { url: options.services.redisURL, prefix: `tidings_bench_${suffix}:` };
      const redisPrefix = redis.prefix;
      cleanUps.push(() => deleteRedisKeys(options.services.redisURL, redisPrefix));
      env.TIDINGS_DATABASE_URL = withDatabase(options.services.databaseURL, database);
      env.TIDINGS_REDIS_URL = options.services.redisURL;
      env[REDIS_PREFIX_ENV] = redis.prefix;
      // A shared node reads no settings file, and needs a bucket (this load sends no files).
      env.TIDINGS_SETTINGS = JSON.stringify({ groupMessagesPerSecond: options.groupMessagesPerSecond });
      const s3 = await startS3Server();
      cleanUps.push(() => s3.stop());
      Object.assign(env, {
        TIDINGS_S3_ENDPOINT: s3.endpoint,
        TIDINGS_S3_BUCKET: s3.bucket,
        TIDINGS_S3_REGION: s3.region,
        AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
      });
    }
    const start = (index: number) =>
      startTidings({
        name: `Tidings node ${index + 1}/${spec.nodes} (${spec.label})`,
        nodeArgs: options.nodeArgs,
        dataDir: nodeDataFolder(options.groupMessagesPerSecond),
        env,
      });
    // The first node alone: it brings the schema up to date; the others then find it ready.
    nodes.push(await start(0));
    const others = await Promise.allSettled(Array.from({ length: spec.nodes - 1 }, (_, i) => start(i + 1)));
    for (const other of others) if (other.status === 'fulfilled') nodes.push(other.value);
    const refused = others.find((other) => other.status === 'rejected');
    if (refused) throw refused.reason;
    return deployment(spec, nodes, postgres, redis, cleanUp);
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function deployment(
  spec: ShapeSpec,
  nodes: Target[],
  postgres: PostgresProbe | null,
  redis: RedisProbe | null,
  stop: () => Promise<void>,
): Deployment {
  return { spec, nodes, postgres, redis, isRunning: () => nodes.every((node) => node.isRunning()), stop };
}
