import { GroupLimiter } from '../../server/group-limiter';
import type { MessagePriority } from '../../protocol/constants';

/** The per-group limit with a clock the test moves by hand. */
function limiter(perSecond: number) {
  let now = 10_000;
  const subject = new GroupLimiter(perSecond, 0, () => now);
  return { subject, advance: (ms: number) => (now += ms) };
}

const burst = (subject: GroupLimiter, group: string, priorities: MessagePriority[]) =>
  Promise.all(priorities.map((priority) => subject.admit(group, priority).then((ok) => ({ priority, ok }))));

test('sends that contend together are admitted highest priority first, up to the limit; the rest are counted', async () => {
  const { subject } = limiter(3);
  const results = await burst(subject, 'g', ['Lowest', 'Low', 'Normal', 'High', 'Normal', 'High']);
  expect(
    results
      .filter((r) => r.ok)
      .map((r) => r.priority)
      .sort(),
  ).toEqual(['High', 'High', 'Normal']);
  expect(subject.dropped).toBe(3);
});

test('the budget is per second: the same second stays closed, the next one opens again', async () => {
  const { subject, advance } = limiter(2);
  expect((await burst(subject, 'g', ['Normal', 'Normal'])).every((r) => r.ok)).toBe(true);
  advance(999);
  expect(await burst(subject, 'g', ['High'])).toEqual([{ priority: 'High', ok: false }]);
  advance(1);
  expect((await burst(subject, 'g', ['Low', 'Low', 'Low'])).map((r) => r.ok)).toEqual([true, true, false]);
  expect(subject.dropped).toBe(2);
});

test('groups do not share a budget', async () => {
  const { subject } = limiter(1);
  const [a, b] = await Promise.all([burst(subject, 'a', ['Normal', 'Normal']), burst(subject, 'b', ['Normal'])]);
  expect(a.map((r) => r.ok)).toEqual([true, false]);
  expect(b.map((r) => r.ok)).toEqual([true]);
});
