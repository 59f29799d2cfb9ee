import type { WireMessage } from '../../protocol/messages';
import type { Bus, Session } from '../../server/bus/bus';
import { InProcessBus } from '../../server/bus/in-process-bus';
import { Serialized } from '../../server/serialized';

/**
 * The Bus contract. Every implementation must pass it; a bus across nodes runs it with two
 * instances sharing one channel, so that `publisher` and `receiver` are different nodes.
 */
const implementations: Array<[string, () => { publisher: Bus; receiver: Bus }]> = [
  [
    'in-process',
    () => {
      const bus = new InProcessBus();
      return { publisher: bus, receiver: bus };
    },
  ],
];

const APP = 1400000001;

/** A session that records the frames it is sent. */
function session(userID: string, app = APP): Session & { frames: string[] } {
  const frames: string[] = [];
  return { app, userID, frames, send: (text) => frames.push(text) };
}

const message: WireMessage = {
  ID: 'm1',
  type: 'TIMTextElem',
  conversationType: 'C2C',
  to: 'bob',
  payload: { text: 'hi "there" \u2028 ✓' },
  priority: 'Normal',
  cloudCustomData: '',
  needReadReceipt: false,
  isSupportExtension: false,
  from: 'alice',
  time: 1,
  sequence: 1,
};

describe.each(implementations)('%s bus', (_name, make) => {
  let publisher: Bus;
  let receiver: Bus;
  beforeEach(() => ({ publisher, receiver } = make()));

  test('a push reaches every session of the user', async () => {
    const [phone, laptop] = [session('bob'), session('bob')];
    receiver.add(phone);
    receiver.add(laptop);
    await publisher.publish(APP, ['bob'], 'groupListChanged', { groupID: 'g1' });
    expect(phone.frames).toEqual(['{"t":"push","ev":"groupListChanged","d":{"groupID":"g1"}}']);
    expect(laptop.frames).toEqual(phone.frames);
  });

  test("the session the event came from is skipped; the user's other sessions get it", async () => {
    const [origin, other] = [session('alice'), session('alice')];
    receiver.add(origin);
    receiver.add(other);
    await publisher.publish(APP, ['alice'], 'message', message, origin);
    expect(origin.frames).toEqual([]);
    expect(other.frames).toHaveLength(1);
  });

  test('one publish reaches several users; users not connected, and other apps, get nothing', async () => {
    const [bob, carol, otherAppBob] = [session('bob'), session('carol'), session('bob', APP + 1)];
    [bob, carol, otherAppBob].forEach((s) => receiver.add(s));
    await expect(
      publisher.publish(APP, ['bob', 'carol', 'dave'], 'peerRead', { conversationID: 'C2Calice', sequence: 3 }),
    ).resolves.toBeUndefined();
    expect(bob.frames).toHaveLength(1);
    expect(carol.frames).toEqual(bob.frames);
    expect(otherAppBob.frames).toEqual([]);
  });

  test('a removed session gets nothing more', async () => {
    const bob = session('bob');
    receiver.add(bob);
    receiver.remove(bob);
    await publisher.publish(APP, ['bob'], 'groupListChanged', { groupID: 'g1' });
    expect(bob.frames).toEqual([]);
  });

  test('isOnline: true while the user has a session, on any node; false after the last one is removed', async () => {
    const [phone, laptop] = [session('bob'), session('bob')];
    expect(await publisher.isOnline(APP, 'bob')).toBe(false);
    receiver.add(phone);
    receiver.add(laptop);
    expect(await publisher.isOnline(APP, 'bob')).toBe(true);
    expect(await publisher.isOnline(APP + 1, 'bob')).toBe(false);
    receiver.remove(phone);
    expect(await publisher.isOnline(APP, 'bob')).toBe(true);
    receiver.remove(laptop);
    expect(await publisher.isOnline(APP, 'bob')).toBe(false);
  });

  test('frames are byte for byte what JSON.stringify makes of { t: "push", ev, d }', async () => {
    const bob = session('bob');
    receiver.add(bob);
    const receipts = [{ conversationID: 'C2Cbob', ID: 'm1', readCount: 1, unreadCount: 0 }];
    await publisher.publish(APP, ['bob'], 'message', message);
    await publisher.publish(APP, ['bob'], 'message', new Serialized<WireMessage>(JSON.stringify(message)));
    await publisher.publish(APP, ['bob'], 'readReceipt', receipts);
    const expected = JSON.stringify({ t: 'push', ev: 'message', d: message });
    expect(bob.frames).toEqual([expected, expected, JSON.stringify({ t: 'push', ev: 'readReceipt', d: receipts })]);
  });

  test('serialized data goes into the frame as is, not serialized again', async () => {
    const [bob, carol] = [session('bob'), session('carol')];
    receiver.add(bob);
    receiver.add(carol);
    // Spacing JSON.stringify would never make: it can only survive if the text is embedded untouched.
    const storedText = '{ "ID" : "m1",  "sequence" : 7 }';
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      await publisher.publish(APP, ['bob', 'carol'], 'message', new Serialized<WireMessage>(storedText));
      expect(stringify.mock.calls.filter(([value]) => typeof value === 'object')).toEqual([]);
    } finally {
      stringify.mockRestore();
    }
    expect(bob.frames).toEqual([`{"t":"push","ev":"message","d":${storedText}}`]);
    expect(carol.frames).toEqual(bob.frames);
  });

  test('data that is not serialized yet is serialized once per publish, however many users it reaches', async () => {
    ['bob', 'carol', 'dave'].forEach((userID) => receiver.add(session(userID)));
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      await publisher.publish(APP, ['bob', 'carol', 'dave'], 'message', message);
      expect(stringify.mock.calls.filter(([value]) => value === message)).toHaveLength(1);
    } finally {
      stringify.mockRestore();
    }
  });

  test('pushes reach a session in the order they were published', async () => {
    const bob = session('bob');
    receiver.add(bob);
    await Promise.all(
      [1, 2, 3].map((sequence) =>
        publisher.publish(APP, ['bob'], 'peerRead', { conversationID: 'C2Calice', sequence }),
      ),
    );
    expect(bob.frames.map((frame) => (JSON.parse(frame) as { d: { sequence: number } }).d.sequence)).toEqual([1, 2, 3]);
  });
});
