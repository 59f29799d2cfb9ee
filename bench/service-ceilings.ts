/**
 * What one PostgreSQL primary and one Redis do on this machine with nothing of Tidings in the way:
 * small transactions committed per second, and PUBLISH calls per second. The paper estimate in
 * docs/scaling.md sets the deployment's needs against these. Both run for a bounded time in a
 * database and on channels of their own; on a shared machine they are lower bounds.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import pg from 'pg';
import { sleep } from './common';
import { withDatabase, type Services } from './deployments';
import type { ServiceCeilings } from './multi-node-types';

const POSTGRES_CLIENTS = 8;
const REDIS_SUBSCRIBERS = 3;
const REDIS_PIPELINE = 100;
/** About the size of one stored message's push frame. */
const REDIS_MESSAGE = 'x'.repeat(400);

/** Commits per second of one-row INSERTs from POSTGRES_CLIENTS connections, in a scratch database. */
async function postgresCommitsPerSecond(
  adminURL: string,
  ms: number,
): Promise<{ perSecond: number; synchronousCommit: string }> {
  const database = `bench_ceiling_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminURL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
    const url = withDatabase(adminURL, database);
    const clients = await Promise.all(
      Array.from({ length: POSTGRES_CLIENTS }, async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        return client;
      }),
    );
    try {
      await clients[0].query('CREATE TABLE ceiling (id bigserial PRIMARY KEY, body text NOT NULL)');
      const { rows } = await clients[0].query<{ synchronous_commit: string }>('SHOW synchronous_commit');
      let commits = 0;
      const until = performance.now() + ms;
      const started = performance.now();
      await Promise.all(
        clients.map(async (client) => {
          while (performance.now() < until) {
            await client.query('INSERT INTO ceiling (body) VALUES ($1)', [REDIS_MESSAGE]);
            commits++;
          }
        }),
      );
      return {
        perSecond: commits / ((performance.now() - started) / 1000),
        synchronousCommit: rows[0].synchronous_commit,
      };
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

/** PUBLISH calls per second from one client pipelining REDIS_PIPELINE at a time, each heard by REDIS_SUBSCRIBERS. */
async function redisPublishesPerSecond(url: string, ms: number): Promise<number> {
  const channel = `tidings_bench_ceiling_${randomBytes(6).toString('hex')}`;
  const subscribers = Array.from({ length: REDIS_SUBSCRIBERS }, () => new Redis(url, { maxRetriesPerRequest: 1 }));
  const publisher = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let heard = 0;
    for (const subscriber of subscribers) {
      subscriber.on('message', () => heard++);
      await subscriber.subscribe(channel);
    }
    let published = 0;
    const until = performance.now() + ms;
    const started = performance.now();
    while (performance.now() < until) {
      const pipeline = publisher.pipeline();
      for (let i = 0; i < REDIS_PIPELINE; i++) pipeline.publish(channel, REDIS_MESSAGE);
      await pipeline.exec();
      published += REDIS_PIPELINE;
    }
    const seconds = (performance.now() - started) / 1000;
    // The subscribers' side is what the estimate needs: wait for it to catch up, briefly.
    const deadline = performance.now() + 5000;
    while (heard < published * REDIS_SUBSCRIBERS && performance.now() < deadline) await sleep(20);
    return Math.min(published, heard / REDIS_SUBSCRIBERS) / seconds;
  } finally {
    publisher.disconnect();
    for (const subscriber of subscribers) subscriber.disconnect();
  }
}

export async function measureCeilings(services: Services | null, unreachable: string | null): Promise<ServiceCeilings> {
  const ceilings: ServiceCeilings = {
    postgresCommitsPerSecond: null,
    postgresClients: POSTGRES_CLIENTS,
    postgresSynchronousCommit: null,
    redisPublishesPerSecond: null,
    redisSubscribers: REDIS_SUBSCRIBERS,
    notes: [],
  };
  if (!services || unreachable) {
    ceilings.notes.push(`PostgreSQL and Redis alone not measured: ${unreachable ?? 'no services'}`);
    return ceilings;
  }
  const ms = Number(process.env.BENCH_CEILING_MS ?? 2000);
  try {
    const postgres = await postgresCommitsPerSecond(services.databaseURL, ms);
    ceilings.postgresCommitsPerSecond = postgres.perSecond;
    ceilings.postgresSynchronousCommit = postgres.synchronousCommit;
  } catch (error) {
    ceilings.notes.push(`PostgreSQL ceiling not measured: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    ceilings.redisPublishesPerSecond = await redisPublishesPerSecond(services.redisURL, ms);
  } catch (error) {
    ceilings.notes.push(`Redis ceiling not measured: ${error instanceof Error ? error.message : String(error)}`);
  }
  return ceilings;
}
