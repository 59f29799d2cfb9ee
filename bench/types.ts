/** The load generator's orders and answers (passed as JSON between bench/run.ts and bench/load.ts). */

interface TrafficConfig {
  /** `ws://host:port/ws` of the server under test. */
  socketURL: string;
  /** The server's pid, to read its CPU time over the measured window. */
  targetPid: number;
  /** Prepended to every userID, so each run talks in fresh conversations. */
  prefix: string;
  /** Sender i sends only to receiver i (C2C), one connection each. */
  pairs: number;
  warmupMs: number;
  durationMs: number;
  /** How long to wait, after the last send, for every answer and every push. */
  drainMs: number;
  /** Length of the message text. */
  textBytes: number;
}

/** Closed loop: every sender keeps `window` sends waiting for their answer. */
export interface ThroughputConfig extends TrafficConfig {
  mode: 'throughput';
  window: number;
}

/** Open loop: `rate` sends per second in total, paced by the clock, spread over the senders in turn. */
export interface LatencyConfig extends TrafficConfig {
  mode: 'latency';
  rate: number;
  /** Safety bound: a send due while this many are unanswered is skipped (and counted). */
  maxOutstanding: number;
}

/** Logged-in connections that then stay idle until the parent says `release`. */
export interface IdleConfig {
  mode: 'idle';
  socketURL: string;
  prefix: string;
  connections: number;
  concurrency: number;
}

/**
 * Open loop over many conversations: `users` connected users, each message from a random user to a
 * random other one, sent at its scheduled time whatever the answers. The rate is stepped up by
 * `factor` from `startRate` until a step is not sustained (delivery p99 over `p99LimitMs`, or
 * anything lost or refused), once more half-way back, then a run at half the highest sustained rate.
 */
export interface OpenLoopConfig {
  mode: 'openloop';
  socketURL: string;
  targetPid: number;
  /** The server's `/stats` URL, for its commit counters; null for the relay. */
  statsURL: string | null;
  prefix: string;
  users: number;
  textBytes: number;
  startRate: number;
  factor: number;
  maxRate: number;
  stepWarmupMs: number;
  stepMs: number;
  halfRateMs: number;
  drainMs: number;
  p99LimitMs: number;
}

export type LoadConfig = ThroughputConfig | LatencyConfig | IdleConfig | OpenLoopConfig;

/** Whether every acknowledged message reached its receiver, and nothing else went wrong. */
export interface DeliveryCheck {
  sent: number;
  acked: number;
  delivered: number;
  /** Non-zero answers, unexpected frames, socket errors or closes. */
  errors: number;
  firstError: string | null;
  /** Pairs whose receiver got a different count than its sender had acknowledged. */
  pairMismatches: number;
  /** Every send answered and every push arrived before drainMs ran out. */
  drained: boolean;
}

export interface CpuUse {
  /** Busy fraction of one core over the window (1 = one core fully busy). */
  server: number;
  loadGenerator: number;
}

export interface ThroughputResult extends DeliveryCheck {
  mode: 'throughput';
  windowMs: number;
  deliveredInWindow: number;
  deliveredPerSecond: number;
  /** Deliveries in each whole second of the window. */
  perSecond: number[];
  cpu: CpuUse;
}

export interface LatencyStats {
  samples: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LatencyResult extends DeliveryCheck {
  mode: 'latency';
  rate: number;
  /** Sends per second actually made in the window. */
  achievedRate: number;
  skipped: number;
  /** From the sender's send to the receiver's push, ms. */
  delivery: LatencyStats;
  /** From the sender's send to its answer (the message is durable by then), ms. */
  ack: LatencyStats;
  cpu: CpuUse;
}

/** One rate of an open-loop series; per-message figures are over the measured window. */
export interface OpenLoopStep extends DeliveryCheck {
  rate: number;
  achievedRate: number;
  /** From each message's scheduled send time (so a late send counts against the server) to its push, ms. */
  delivery: LatencyStats;
  /** From the scheduled send time to the sender's answer, ms. */
  ack: LatencyStats;
  cpu: CpuUse;
  /** Server CPU (every thread, user + system, /proc/<pid>/stat) per message sent, µs. */
  serverCpuMicrosPerMessage: number;
  /** Bytes the server process caused to be written to storage (/proc/<pid>/io write_bytes) per message. */
  diskBytesPerMessage: number;
  /** Store transactions per second and messages per transaction; null for the relay. */
  commitsPerSecond: number | null;
  messagesPerCommit: number | null;
  sustained: boolean;
  /** Why it was not sustained. */
  verdict: string;
}

export interface OpenLoopResult {
  mode: 'openloop';
  users: number;
  connectMs: number;
  steps: OpenLoopStep[];
  /** Highest step rate that was sustained; 0 if none. */
  maxSustainedRate: number;
  /** The run at half of maxSustainedRate. */
  half: OpenLoopStep | null;
}

export type LoadResult = ThroughputResult | LatencyResult | OpenLoopResult;

export type LoadMessage =
  | { type: 'progress'; text: string }
  | { type: 'ready'; connections: number; ms: number }
  | { type: 'result'; result: LoadResult }
  | { type: 'failed'; message: string };

export type ParentMessage = { type: 'release' };
