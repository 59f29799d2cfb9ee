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

export type LoadConfig = ThroughputConfig | LatencyConfig | IdleConfig;

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

export type LoadResult = ThroughputResult | LatencyResult;

export type LoadMessage =
  | { type: 'progress'; text: string }
  | { type: 'ready'; connections: number; ms: number }
  | { type: 'result'; result: LoadResult }
  | { type: 'failed'; message: string };

export type ParentMessage = { type: 'release' };
