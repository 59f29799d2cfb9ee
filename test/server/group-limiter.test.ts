import { GroupLimiter, type GroupBudget } from '../../server/group-limiter';
import type { MessagePriority } from '../../protocol/constants';
import type { RedisShared } from '../../server/redis-shared';
import { deleteKeys, redisNode } from '../helpers/redis-nodes';
import { uniqueName } from '../helpers/services';

/** A clock the test moves by hand. */
function handClock() {
  let now = 10_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

interface Subject {
  /** Two limiters: two nodes sharing the budget (the same limiter in one process). */
  limiters: [GroupBudget, GroupBudget];
  advance: (ms: number) => void;
  close: () => Promise<void>;
}

async function closeAll(nodes: RedisShared[], prefix: string): Promise<void> {
  await Promise.all(nodes.map((node) => node.close()));
  await deleteKeys(prefix);
}

async function redisLimiters(perSecond: number, gatherMs = 0): Promise<Subject> {
  const prefix = `${uniqueName('limiter')}:`;
  const clock = handClock();
  const pair = [await redisNode(prefix), await redisNode(prefix)];
  const [a, b] = pair.map((node) => node.limiter(perSecond, gatherMs, clock.now));
  return { limiters: [a, b], advance: clock.advance, close: () => closeAll(pair, prefix) };
}

const implementations: Array<[string, (perSecond: number) => Promise<Subject>]> = [
  [
    'in-process',
    async (perSecond) => {
      const clock = handClock();
      const limiter = new GroupLimiter(perSecond, 0, clock.now);
      return { limiters: [limiter, limiter], advance: clock.advance, close: async () => undefined };
    },
  ],
  ['Redis', redisLimiters],
];

const burst = (subject: GroupBudget, group: string, priorities: MessagePriority[]) =>
  Promise.all(priorities.map((priority) => subject.admit(group, priority).then((ok) => ({ priority, ok }))));

describe.each(implementations)('%s group limiter', (_name, make) => {
  let subject: Subject;
  const start = async (perSecond: number) => (subject = await make(perSecond));
  afterEach(() => subject.close());

  test('sends that contend together are admitted highest priority first, up to the limit; the rest are counted', async () => {
    const [limiter] = (await start(3)).limiters;
    const results = await burst(limiter, 'g', ['Lowest', 'Low', 'Normal', 'High', 'Normal', 'High']);
    expect(
      results
        .filter((r) => r.ok)
        .map((r) => r.priority)
        .sort(),
    ).toEqual(['High', 'High', 'Normal']);
    expect(limiter.dropped).toBe(3);
  });

  test('the budget is per second: the same second stays closed, the next one opens again', async () => {
    const { limiters, advance } = await start(2);
    const [limiter] = limiters;
    expect((await burst(limiter, 'g', ['Normal', 'Normal'])).every((r) => r.ok)).toBe(true);
    advance(999);
    expect(await burst(limiter, 'g', ['High'])).toEqual([{ priority: 'High', ok: false }]);
    advance(1);
    expect((await burst(limiter, 'g', ['Low', 'Low', 'Low'])).map((r) => r.ok)).toEqual([true, true, false]);
    expect(limiter.dropped).toBe(2);
  });

  test('groups do not share a budget', async () => {
    const [limiter] = (await start(1)).limiters;
    const [a, b] = await Promise.all([burst(limiter, 'a', ['Normal', 'Normal']), burst(limiter, 'b', ['Normal'])]);
    expect(a.map((r) => r.ok)).toEqual([true, false]);
    expect(b.map((r) => r.ok)).toEqual([true]);
  });

  test('every node takes from one budget: exactly perSecond are admitted per window in all', async () => {
    const { limiters, advance } = await start(40);
    const [a, b] = limiters;
    const wave = () =>
      Promise.all([burst(a, 'g', Array(30).fill('Normal')), burst(b, 'g', Array(30).fill('High'))]).then((results) =>
        results.flat().filter((r) => r.ok),
      );
    expect(await wave()).toHaveLength(40);
    advance(1000);
    expect(await wave()).toHaveLength(40);
    expect([...new Set([a, b])].reduce((sum, limiter) => sum + limiter.dropped, 0)).toBe(40);
  });
});

test('Redis, on its own clock: two nodes admit exactly perSecond in all, gathering over gatherMs', async () => {
  const prefix = `${uniqueName('limiter')}:`;
  const pair = [await redisNode(prefix), await redisNode(prefix)];
  try {
    const [a, b] = pair.map((node) => node.limiter(40, 5));
    const results = await Promise.all([
      burst(a, 'group', Array<MessagePriority>(35).fill('Normal')),
      burst(b, 'group', Array<MessagePriority>(35).fill('Normal')),
    ]);
    expect(results.flat().filter((r) => r.ok)).toHaveLength(40);
    expect(a.dropped + b.dropped).toBe(30);
  } finally {
    await closeAll(pair, prefix);
  }
});
