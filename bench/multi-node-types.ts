/** The several-nodes part of the bench: what bench/multi-node.ts orders bench/multi-node-load.ts to do, and what comes back. */
import type { LatencyStats } from './types';

/** Where the bench reads PostgreSQL's counters: an admin connection and the bench's own database. */
export interface PostgresProbe {
  adminURL: string;
  database: string;
}

/** The Redis the nodes talk through, and the key/channel prefix they were given. */
export interface RedisProbe {
  url: string;
  prefix: string;
}

/**
 * One fixed-rate, open-loop load against a deployment. `c2c`: `users` users, each message from a
 * random user to a random other one. `fanout`: one group of `users` members, each message from a
 * random member, delivered to every other member. User i connects to node i % nodes.
 */
export interface MultiNodeLoadConfig {
  mode: 'c2c' | 'fanout';
  /** One `ws://…/ws` per node. */
  socketURLs: string[];
  /** Every process of the deployment (node order): CPU is read for each. */
  pids: number[];
  prefix: string;
  users: number;
  /** Messages sent per second, in total. */
  rate: number;
  warmupMs: number;
  durationMs: number;
  drainMs: number;
  /** How long to wait before and after the load for PostgreSQL to publish its counters. */
  settleMs: number;
  textBytes: number;
  postgres: PostgresProbe | null;
  redis: RedisProbe | null;
}

/** Send → receive latency, split by whether sender and receiver were on the same node. */
export interface LatencyByPlacement {
  sameNode: LatencyStats;
  crossNode: LatencyStats;
}

export interface PostgresPerMessage {
  /** pg_stat_database.xact_commit of the bench database over the load, per message sent: read-only transactions too. */
  transactions: number;
  /**
   * Transaction IDs taken over the load, per message: the transactions that wrote, each one a WAL flush at commit.
   * IDs are the whole cluster's, so others' writes count too.
   */
  writeTransactions: number;
  /** tup_inserted + tup_updated + tup_deleted of the bench database, per message. */
  rowsWritten: number;
  /** pg_current_wal_lsn() moved this far per message: the whole cluster's WAL, so others' writes count too. */
  walBytes: number;
}

export interface RedisPerMessage {
  /** Pub/sub messages per message sent. */
  publishes: number;
  /** Bytes of those pub/sub messages, per message sent; null when counted server-wide. */
  bytes: number | null;
  /**
   * `prefix`: heard by a pattern subscription on the deployment's prefix (exact). `server-wide`:
   * the Redis server's PUBLISH count (INFO commandstats), which includes anyone else's publishes.
   */
  source: 'prefix' | 'server-wide';
}

export interface MultiNodeLoadResult {
  mode: 'c2c' | 'fanout';
  nodes: number;
  users: number;
  rate: number;
  /** Sends per second made in the measured window. */
  achievedRate: number;
  /** Pushes received per second in the measured window. */
  deliveredPerSecond: number;
  /** Every message sent, warm-up included: what the per-message figures divide by. */
  messages: number;
  sent: number;
  acked: number;
  /** Acknowledged messages times the recipients each has (1 for C2C, members − 1 in the group). */
  expectedDeliveries: number;
  delivered: number;
  errors: number;
  firstError: string | null;
  drained: boolean;
  /** From each message's scheduled send time to its push, ms. */
  latency: LatencyByPlacement;
  /** From the scheduled send time to the sender's answer (stored by then), ms. */
  ack: LatencyStats;
  /** CPU seconds (user + system, /proc/<pid>/stat) per 1,000 messages, for each process in node order. */
  cpuSecondsPer1000: number[];
  postgres: PostgresPerMessage | null;
  redis: RedisPerMessage | null;
}

export type MultiNodeLoadMessage =
  | { type: 'progress'; text: string }
  | { type: 'result'; result: MultiNodeLoadResult }
  | { type: 'failed'; message: string };

export type ShapeKey = 'relay' | 'sqlite-1' | 'postgres-1' | 'postgres-3';

/** One deployment under both loads, or why it was not measured. */
export interface ShapeResult {
  key: ShapeKey;
  label: string;
  nodes: number;
  /** Why this shape was not run (PostgreSQL or Redis unreachable, or it failed to start); null when it ran. */
  skipped: string | null;
  c2c: MultiNodeLoadResult | null;
  fanout: MultiNodeLoadResult | null;
  /** What a reader of its figures must know (e.g. the server build has no Redis prefix setting). */
  notes: string[];
}

/** What a single PostgreSQL primary and a single Redis do on this machine, measured bare. */
export interface ServiceCeilings {
  /** One-row INSERT transactions committed per second by `clients` connections (synchronous_commit as configured). */
  postgresCommitsPerSecond: number | null;
  postgresClients: number;
  postgresSynchronousCommit: string | null;
  /** PUBLISH calls per second from one pipelining client, each heard by `subscribers` subscribers. */
  redisPublishesPerSecond: number | null;
  redisSubscribers: number;
  /** Why a ceiling is missing. */
  notes: string[];
}

export interface MultiNodeResults {
  date: string;
  /** The machine every process of every deployment shared. */
  cpus: number;
  loadAverageAtStart: number;
  settings: {
    c2cUsers: number;
    c2cRate: number;
    groupSize: number;
    fanoutRate: number;
    warmupMs: number;
    durationMs: number;
    textBytes: number;
  };
  shapes: ShapeResult[];
  ceilings: ServiceCeilings;
  /** Problems that make the bench fail (lost messages, errors); a skipped shape is not one. */
  failures: string[];
}
