/**
 * The load generator for several nodes, run as its own process by bench/multi-node.ts:
 * `node --import tsx bench/multi-node-load.ts '<MultiNodeLoadConfig as JSON>'`. User i connects to
 * node i % nodes; each message carries its scheduled send time and its sender's index, so the
 * receiver can tell a same-node delivery from a cross-node one.
 */
import { performance } from 'node:perf_hooks';
import type WebSocket from 'ws';
import { readCpuSeconds, sleep } from './common';
import { closeAll, connect, draft, inBatches, parse, Problems, stats } from './load-client';
import type { MultiNodeLoadConfig, MultiNodeLoadMessage, MultiNodeLoadResult } from './multi-node-types';
import { openPostgresCounter, openRedisCounter } from './service-counters';

const SETUP_TIMEOUT_MS = 15_000;

function post(message: MultiNodeLoadMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
}
const progress = (text: string) => void post({ type: 'progress', text });

interface Request {
  stamp: number;
  /** The message's place in send order. */
  index: number;
  /** Resolves a setup request (createGroup) instead of counting as a message. */
  setup?: (code: number, raw: string) => void;
}

async function run(config: MultiNodeLoadConfig): Promise<MultiNodeLoadResult> {
  const problems = new Problems();
  const nodes = config.socketURLs.length;
  const nodeOf = (user: number) => user % nodes;
  const userIDs = Array.from({ length: config.users }, (_, i) => `${config.prefix}u${i}`);
  const groupID = config.mode === 'fanout' ? `${config.prefix}g` : null;
  const recipientsPerMessage = groupID ? config.users - 1 : 1;
  const requests = new Map<number, Request>();
  let nextRequestID = 2;
  let sent = 0;
  let answered = 0;
  let acked = 0;
  let delivered = 0;
  let deliveredInWindow = 0;
  /** Messages are numbered in send order; those from this index on are measured (the rest is warm-up). */
  const firstMeasured = Math.ceil((config.warmupMs * config.rate) / 1000);
  const inWindow = (index: number) => index >= firstMeasured;
  const sameNodeMs: number[] = [];
  const crossNodeMs: number[] = [];
  const ackMs: number[] = [];

  const onFrame = (user: number) => (data: WebSocket.RawData) => {
    const now = performance.now();
    const frame = parse(data);
    if (frame.t === 'push') {
      // Group tips, group-list and presence pushes are not the load's messages.
      if (frame.ev !== 'message' || frame.d?.type !== 'TIMTextElem') return;
      const [stampText, senderText, indexText] = (frame.d.payload?.text ?? '').split(' ');
      const stamp = Number.parseFloat(stampText);
      const sender = Number.parseInt(senderText, 10);
      const index = Number.parseInt(indexText, 10);
      if (!Number.isFinite(stamp) || !Number.isInteger(sender) || !Number.isInteger(index))
        return problems.note(`user ${user} got a message without a stamp`);
      delivered++;
      if (!inWindow(index)) return;
      deliveredInWindow++;
      (nodeOf(sender) === nodeOf(user) ? sameNodeMs : crossNodeMs).push(now - stamp);
    } else if (frame.t === 'res') {
      const request = requests.get(frame.id!);
      requests.delete(frame.id!);
      if (request?.setup) return request.setup(frame.code ?? -1, data.toString().slice(0, 200));
      answered++;
      if (frame.code !== 0) problems.note(`user ${user}: send answered ${frame.code}: ${frame.msg ?? ''}`);
      else acked++;
      if (request && inWindow(request.index)) ackMs.push(now - request.stamp);
    } else problems.note(`user ${user} got an unexpected frame: ${data.toString().slice(0, 200)}`);
  };

  const started = performance.now();
  const sockets: WebSocket[] = [];
  await inBatches(config.users, 50, async (i) => {
    sockets[i] = await connect(config.socketURLs[nodeOf(i)], userIDs[i], problems, onFrame(i));
  });
  progress(`${config.users} users logged in over ${nodes} node(s) (${Math.round(performance.now() - started)} ms)`);

  if (groupID) {
    const id = nextRequestID++;
    const created = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('createGroup was not answered')), SETUP_TIMEOUT_MS);
      requests.set(id, {
        stamp: 0,
        index: -1,
        setup: (code, raw) => {
          clearTimeout(timer);
          if (code === 0) resolve();
          else reject(new Error(`createGroup refused: ${raw}`));
        },
      });
    });
    const memberList = userIDs.slice(1).map((userID) => ({ userID }));
    sockets[0].send(JSON.stringify({ t: 'req', id, op: 'createGroup', d: { name: 'bench', groupID, memberList } }));
    await created;
  }

  const postgresCounter = config.postgres ? await openPostgresCounter(config.postgres) : null;
  const redisCounter = config.redis ? await openRedisCounter(config.redis) : null;
  // Logins and the group's creation settle (and PostgreSQL publishes their counts) before the first reading.
  await sleep(config.settleMs);
  await Promise.all([postgresCounter?.begin(), redisCounter?.begin()]);
  const cpuBefore = config.pids.map(readCpuSeconds);

  const padding = 'x'.repeat(Math.max(0, config.textBytes - 32));
  const phaseStart = performance.now();
  const phaseEnd = phaseStart + config.warmupMs + config.durationMs;
  const backlogLimit = Math.max(1000, config.rate * 2);
  let scheduled = 0;
  let sentInWindow = 0;
  const total = Math.ceil(((phaseEnd - phaseStart) * config.rate) / 1000);
  await new Promise<void>((finished) => {
    const pacer = setInterval(() => {
      const now = performance.now();
      // Message k is due at k / rate: at time t, floor(t × rate) + 1 of them are, up to the end of the window.
      const due = Math.min(Math.floor(((now - phaseStart) * config.rate) / 1000) + 1, total);
      while (scheduled < due) {
        const index = scheduled++;
        const stamp = phaseStart + (index * 1000) / config.rate;
        if (sent - answered > backlogLimit) continue;
        const from = Math.floor(Math.random() * config.users);
        const to = groupID ?? userIDs[(from + 1 + Math.floor(Math.random() * (config.users - 1))) % config.users];
        const id = nextRequestID++;
        requests.set(id, { stamp, index });
        sent++;
        if (inWindow(index)) sentInWindow++;
        const text = `${stamp.toFixed(3)} ${from} ${index} ${padding}`;
        const messageID = `${Date.now().toString(36)}-${Math.random().toString(16).slice(2, 18)}-${id.toString(36)}`;
        sockets[from].send(
          JSON.stringify({ t: 'req', id, op: 'send', d: draft(to, messageID, text, groupID ? 'GROUP' : 'C2C') }),
        );
      }
      if (now >= phaseEnd) {
        clearInterval(pacer);
        finished();
      }
    }, 1);
  });
  if (scheduled > sent) problems.note(`${scheduled - sent} sends skipped: more than ${backlogLimit} unanswered`);

  const deadline = performance.now() + config.drainMs;
  const expected = () => acked * recipientsPerMessage;
  while (performance.now() < deadline && (answered < sent || delivered < expected())) await sleep(10);
  const drained = answered === sent && delivered === expected();
  const cpuAfter = config.pids.map(readCpuSeconds);
  await sleep(config.settleMs);
  const messages = Math.max(1, sent);
  const [postgres, redis] = await Promise.all([postgresCounter?.end(messages), redisCounter?.end(messages)]);
  closeAll(sockets);
  const seconds = config.durationMs / 1000;
  return {
    mode: config.mode,
    nodes,
    users: config.users,
    rate: config.rate,
    achievedRate: sentInWindow / seconds,
    deliveredPerSecond: deliveredInWindow / seconds,
    messages: sent,
    sent,
    acked,
    expectedDeliveries: expected(),
    delivered,
    errors: problems.count,
    firstError: problems.first,
    drained,
    latency: { sameNode: stats(sameNodeMs), crossNode: stats(crossNodeMs) },
    ack: stats(ackMs),
    cpuSecondsPer1000: cpuBefore.map((before, i) => ((cpuAfter[i] - before) * 1000) / messages),
    postgres: postgres ?? null,
    redis: redis ?? null,
  };
}

process.on('disconnect', () => process.exit(2));
run(JSON.parse(process.argv[2] ?? '') as MultiNodeLoadConfig).then(
  async (result) => {
    await post({ type: 'result', result });
    process.exit(0);
  },
  async (error: unknown) => {
    await post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);
