import { Cursors } from '../../plugin/sync/cursors';
import { GapFill, GAP_HOLD_MS } from '../../plugin/sync/gap-fill';
import type { WireMessage } from '../../protocol/messages';
import type { HistoryRequest, HistoryResult } from '../../protocol/operations';
import { wireText } from '../helpers/wire-message';

const CONV = 'C2Calice';

const message = (sequence: number): WireMessage =>
  wireText({ ID: `m${sequence}`, payload: { text: `m${sequence}` }, time: sequence, sequence });

/**
 * A history of `count` messages paged 15 at a time as the server does; `hidden` sequences are not
 * visible to this user (targeted at others). Each fetch waits until the test releases it.
 */
function setup(count: number, hidden: number[] = []) {
  const requests: HistoryRequest[] = [];
  const waiting: Array<{ release(): void; fail(): void }> = [];
  const delivered: number[][] = [];
  const visible = Array.from({ length: count }, (_, i) => message(i + 1)).filter((m) => !hidden.includes(m.sequence));
  const fetchPage = (request: HistoryRequest) => {
    requests.push(request);
    return new Promise<HistoryResult>((resolve, reject) => {
      const before = request.nextReqMessageID ? Number(request.nextReqMessageID.slice(1)) : Infinity;
      const older = visible.filter((m) => m.sequence < before);
      const page = older.slice(-15);
      waiting.push({
        release: () =>
          resolve({ messageList: page, nextReqMessageID: page[0]?.ID ?? '', isCompleted: older.length <= 15 }),
        fail: () => reject(new Error('socket down')),
      });
    });
  };
  const record = new Cursors();
  const gaps = new GapFill(record, {
    fetchPage,
    deliver: (conversationID, arrivals) => {
      const fresh = record.take(conversationID, arrivals).filter((arrival) => arrival.wire);
      if (fresh.length > 0) delivered.push(fresh.map((arrival) => arrival.sequence));
    },
  });
  const push = (sequence: number) => gaps.arrive(CONV, { ID: `m${sequence}`, sequence, wire: message(sequence) });
  /** Lets the fetch that is waiting answer, and the awaits after it run. */
  const answer = async (how: 'release' | 'fail' = 'release') => {
    const next = waiting.shift();
    if (!next) throw new Error('no fetch is waiting');
    next[how]();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { gaps, record, push, answer, requests, delivered, waiting };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('a push right after the known sequence is reported at once, with no fetch', () => {
  const { record, push, requests, delivered } = setup(3);
  record.settle(CONV, 2);
  push(3);
  expect(delivered).toEqual([[3]]);
  expect(requests).toEqual([]);
});

test('a push past a gap is held until the gap is fetched, then all come in sequence order', async () => {
  const { record, push, answer, requests, delivered } = setup(5);
  record.settle(CONV, 1);
  push(5);
  expect(delivered).toEqual([]);
  expect(requests).toEqual([{ conversationID: CONV, nextReqMessageID: 'm5' }]);
  await answer();
  expect(delivered).toEqual([[2, 3, 4, 5]]);
});

test('sequence 0 and unknown conversations never fetch', () => {
  const { gaps, push, requests, delivered } = setup(9);
  push(9);
  gaps.arrive(CONV, { ID: 'online', sequence: 0, wire: { ...message(0), ID: 'online' } });
  expect(delivered).toEqual([[9], [0]]);
  expect(requests).toEqual([]);
});

test('a forgotten conversation (a group joined again) starts over from its next push', () => {
  const { record, push, requests, delivered } = setup(9);
  record.settle(CONV, 2);
  record.forget(CONV);
  push(9);
  expect(delivered).toEqual([[9]]);
  expect(requests).toEqual([]);
});

test('gaps found while a fetch runs wait for it, and are fetched next in one request', async () => {
  const { record, push, answer, requests, delivered } = setup(12);
  record.settle(CONV, 1);
  push(3);
  push(4);
  push(6);
  push(9);
  expect(requests).toHaveLength(1);
  await answer();
  expect(delivered).toEqual([[2, 3, 4]]);
  expect(requests).toEqual([
    { conversationID: CONV, nextReqMessageID: 'm3' },
    { conversationID: CONV, nextReqMessageID: 'm9' },
  ]);
  push(10);
  await answer();
  expect(delivered).toEqual([
    [2, 3, 4],
    [5, 6, 7, 8, 9, 10],
  ]);
  push(11);
  expect(delivered.at(-1)).toEqual([11]);
  expect(requests).toHaveLength(2);
});

test('a gap of messages this user cannot see is settled by one fetch that finds nothing', async () => {
  const { record, push, answer, delivered, requests } = setup(4, [3]);
  record.settle(CONV, 2);
  push(4);
  await answer();
  expect(delivered).toEqual([[4]]);
  push(5);
  expect(delivered).toEqual([[4], [5]]);
  expect(requests).toHaveLength(1);
});

test(`after ${GAP_HOLD_MS} ms the held messages go first; the gap follows when it arrives, once`, async () => {
  const { record, push, answer, delivered } = setup(6);
  record.settle(CONV, 1);
  push(4);
  jest.advanceTimersByTime(GAP_HOLD_MS);
  expect(delivered).toEqual([[4]]);
  push(5);
  expect(delivered).toEqual([[4], [5]]);
  await answer();
  expect(delivered).toEqual([[4], [5], [2, 3]]);
});

test('a failed fetch reports what it held and leaves the cursor before the gap, where the next catch-up starts', async () => {
  const { record, push, answer, delivered } = setup(6);
  record.settle(CONV, 1);
  push(4);
  push(5);
  await answer('fail');
  expect(delivered).toEqual([[4, 5]]);
  expect(record.catchUpPoints().get(CONV)).toBe(1);
});

test('an own message acknowledged past a gap fetches it; the own message is not reported', async () => {
  const { gaps, record, answer, delivered } = setup(5);
  record.settle(CONV, 2);
  gaps.arrive(CONV, { ID: 'm5', sequence: 5 });
  await answer();
  expect(delivered).toEqual([[3, 4]]);
});

test('clear() drops held messages and ignores a fetch still running', async () => {
  const { gaps, record, push, answer, delivered } = setup(5);
  record.settle(CONV, 1);
  push(5);
  gaps.clear();
  await answer();
  jest.advanceTimersByTime(GAP_HOLD_MS);
  expect(delivered).toEqual([]);
});
