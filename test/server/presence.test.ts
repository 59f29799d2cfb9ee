import { InProcessPresence } from '../../server/profiles/presence';
import type { Session } from '../../server/bus/bus';

/** The in-process Presence: online by connection count, custom status with its grace after the last one, followers. */
const session = (userID: string): Session => ({ app: 1, userID, send: () => undefined });

function presence(graceMs = 20) {
  const told: Array<{ to: string[]; userID: string; statusType: number; customStatus: string }> = [];
  const p = new InProcessPresence((_app, to, statuses) => told.push(...statuses.map((s) => ({ to, ...s }))), graceMs);
  return { p, told };
}

test('online from the first connection to the last; one change each way, to the user and their followers', () => {
  const { p, told } = presence();
  p.subscribe(1, 'fan', ['star'], 10);
  const [a, b] = [session('star'), session('star')];
  p.connected(a);
  p.connected(b);
  p.disconnected(a);
  expect(p.statusOf(1, ['star'])).toEqual([{ userID: 'star', statusType: 1, customStatus: '' }]);
  p.disconnected(b);
  expect(told).toEqual([
    { to: ['star', 'fan'], userID: 'star', statusType: 1, customStatus: '' },
    { to: ['star', 'fan'], userID: 'star', statusType: 2, customStatus: '' },
  ]);
});

test('a custom status outlives the last connection by the grace period, unless the user is back', async () => {
  const { p, told } = presence(20);
  const first = session('kay');
  p.connected(first);
  p.setCustomStatus(1, 'kay', 'busy');
  p.disconnected(first);
  const second = session('kay');
  p.connected(second);
  await new Promise((resolve) => setTimeout(resolve, 40));
  expect(p.statusOf(1, ['kay'])[0].customStatus).toBe('busy');
  p.disconnected(second);
  await new Promise((resolve) => setTimeout(resolve, 40));
  expect(p.statusOf(1, ['kay'])[0]).toEqual({ userID: 'kay', statusType: 2, customStatus: '' });
  expect(told.at(-1)).toMatchObject({ userID: 'kay', customStatus: '' });
});

test('subscriptions end when the subscriber’s last connection closes, and over the limit none is added', () => {
  const { p, told } = presence();
  const fan = session('fan');
  p.connected(fan);
  expect(p.subscribe(1, 'fan', ['a', 'b'], 2)).toBe(true);
  expect(p.subscribe(1, 'fan', ['c'], 2)).toBe(false);
  p.disconnected(fan);
  told.length = 0;
  p.connected(session('a'));
  expect(told).toEqual([{ to: ['a'], userID: 'a', statusType: 1, customStatus: '' }]);
});

test('apps are apart: the same userID in another app is another user', () => {
  const { p } = presence();
  p.connected(session('sam'));
  expect(p.statusOf(2, ['sam'])[0].statusType).toBe(2);
});
