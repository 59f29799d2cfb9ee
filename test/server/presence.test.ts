import { InProcessPresence, type Presence, type StatusListener } from '../../server/profiles/presence';
import type { Session } from '../../server/bus/bus';
import type { RedisShared } from '../../server/redis-shared';
import { deleteKeys, killableNode, redisNode, until } from '../helpers/redis-nodes';
import { uniqueName } from '../helpers/services';

/** Presence: online by connection count, custom status with its grace after the last one, followers. */
const session = (userID: string, app = 1): Session => ({ app, userID, send: () => undefined });

type Told = Array<{ to: string[]; userID: string; statusType: number; customStatus: string }>;

interface Subject {
  /** `a` and `b` are two nodes (the same presence in one process). */
  a: Presence;
  b: Presence;
  told: Told;
  close: () => Promise<void>;
}

function listener(told: Told): StatusListener {
  return (_app, to, statuses) => told.push(...statuses.map((s) => ({ to, ...s })));
}

/** `heartbeatMs`: how soon a node notices another one died (5 s by default). */
async function redisNodes(
  count: 1 | 2,
  graceMs: number,
  heartbeatMs?: number,
): Promise<Subject & { prefix: string; nodes: RedisShared[] }> {
  const prefix = `${uniqueName('presence')}:`;
  const told: Told = [];
  const nodes: RedisShared[] = [];
  for (let i = 0; i < count; i++) nodes.push(await redisNode(prefix, { heartbeatMs }));
  const presences = nodes.map((node) => node.presence(listener(told), graceMs));
  return {
    prefix,
    nodes,
    a: presences[0],
    b: presences.at(-1)!,
    told,
    close: async () => {
      await Promise.all(nodes.map((node) => node.close().catch(() => undefined)));
      await deleteKeys(prefix);
    },
  };
}

const implementations: Array<[string, (graceMs: number) => Promise<Subject>]> = [
  [
    'in-process',
    async (graceMs) => {
      const told: Told = [];
      const p = new InProcessPresence(listener(told), graceMs);
      return { a: p, b: p, told, close: async () => undefined };
    },
  ],
  ['Redis, one node', (graceMs) => redisNodes(1, graceMs)],
  ['Redis, two nodes', (graceMs) => redisNodes(2, graceMs)],
];

describe.each(implementations)('%s presence', (_name, make) => {
  let subject: Subject;
  const start = async (graceMs = 20) => (subject = await make(graceMs));
  afterEach(() => subject.close());

  test('online from the first connection to the last, on any node; one change each way, to the user and their followers', async () => {
    const { a, b, told } = await start();
    await a.subscribe(1, 'fan', ['star'], 10);
    const [first, second] = [session('star'), session('star')];
    await a.connected(first);
    await b.connected(second);
    await a.disconnected(first);
    expect(await b.statusOf(1, ['star'])).toEqual([{ userID: 'star', statusType: 1, customStatus: '' }]);
    expect(await a.statusOf(1, ['star'])).toEqual(await b.statusOf(1, ['star']));
    await b.disconnected(second);
    expect(told).toEqual([
      { to: ['star', 'fan'], userID: 'star', statusType: 1, customStatus: '' },
      { to: ['star', 'fan'], userID: 'star', statusType: 2, customStatus: '' },
    ]);
  });

  test('a custom status outlives the last connection by the grace period, unless the user is back', async () => {
    // Long enough for the round trips between a disconnection and a reconnection on a busy machine.
    const graceMs = 150;
    const { a, b, told } = await start(graceMs);
    const first = session('kay');
    await a.connected(first);
    expect(await a.setCustomStatus(1, 'kay', 'busy')).toEqual({ userID: 'kay', statusType: 1, customStatus: 'busy' });
    expect(await b.statusOf(1, ['kay'])).toEqual([{ userID: 'kay', statusType: 1, customStatus: 'busy' }]);
    await a.disconnected(first);
    const second = session('kay');
    await b.connected(second);
    await new Promise((resolve) => setTimeout(resolve, graceMs + 50));
    expect((await a.statusOf(1, ['kay']))[0].customStatus).toBe('busy');
    await b.disconnected(second);
    await until(() => told.at(-1)?.customStatus === '');
    expect(await a.statusOf(1, ['kay'])).toEqual([{ userID: 'kay', statusType: 2, customStatus: '' }]);
    expect(told.at(-1)).toEqual({ to: ['kay'], userID: 'kay', statusType: 2, customStatus: '' });
  });

  test('subscriptions end when the subscriber’s last connection closes, and over the limit none is added', async () => {
    const { a, b, told } = await start();
    const fan = session('fan');
    await a.connected(fan);
    expect(await b.subscribe(1, 'fan', ['a', 'b'], 2)).toBe(true);
    expect(await a.subscribe(1, 'fan', ['c'], 2)).toBe(false);
    expect(await a.subscribe(1, 'fan', ['a'], 2)).toBe(true);
    await a.disconnected(fan);
    told.length = 0;
    await b.connected(session('a'));
    expect(told).toEqual([{ to: ['a'], userID: 'a', statusType: 1, customStatus: '' }]);
  });

  test('unsubscribing some, or all: the unsubscribed hear nothing more', async () => {
    const { a, b, told } = await start();
    await a.subscribe(1, 'fan', ['x', 'y', 'z'], 10);
    await b.unsubscribe(1, 'fan', ['x']);
    await a.connected(session('x'));
    await a.connected(session('y'));
    await b.unsubscribe(1, 'fan', null);
    await b.connected(session('z'));
    expect(told.map(({ to }) => to)).toEqual([['x'], ['y', 'fan'], ['z']]);
  });

  test('apps are apart: the same userID in another app is another user', async () => {
    const { a, b } = await start();
    await a.connected(session('sam'));
    expect((await b.statusOf(2, ['sam']))[0].statusType).toBe(2);
    expect((await b.statusOf(1, ['sam', 'nobody'])).map((s) => s.statusType)).toEqual([1, 2]);
  });
});

describe('Redis presence across nodes', () => {
  test('a node killed without a goodbye: its users go offline once its heartbeat lapses, and their followers hear it', async () => {
    const subject = await redisNodes(1, 20, 50);
    const doomed = await killableNode(subject.prefix, 1000, 100);
    try {
      await doomed.presence(listener([])).connected(session('kim'));
      await subject.a.connected(session('lee'));
      await subject.a.subscribe(1, 'fan', ['kim'], 10);
      expect((await subject.a.statusOf(1, ['kim', 'lee'])).map((s) => s.statusType)).toEqual([1, 1]);
      subject.told.length = 0;
      doomed.kill();
      // The lapse is one second; a loaded machine may take longer to notice it.
      await until(() => subject.told.length > 0, 15_000);
      expect(subject.told).toEqual([{ to: ['kim', 'fan'], userID: 'kim', statusType: 2, customStatus: '' }]);
      expect((await subject.a.statusOf(1, ['kim', 'lee'])).map((s) => s.statusType)).toEqual([2, 1]);
    } finally {
      await doomed.bury();
      await subject.close();
    }
  });

  test('a node that closes with connections still counted: another node tells their followers at its next beat', async () => {
    const subject = await redisNodes(2, 20, 50);
    try {
      await subject.b.connected(session('kim'));
      await subject.a.subscribe(1, 'fan', ['kim'], 10);
      subject.told.length = 0;
      await subject.nodes[1].close();
      await until(() => subject.told.length > 0);
      expect(subject.told).toEqual([{ to: ['kim', 'fan'], userID: 'kim', statusType: 2, customStatus: '' }]);
    } finally {
      await subject.close();
    }
  });
});
