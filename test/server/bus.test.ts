import type { WireMessage } from '../../protocol/messages';
import type { Bus, Session } from '../../server/bus/bus';
import { InProcessBus } from '../../server/bus/in-process-bus';
import type { RedisShared } from '../../server/redis-shared';
import { Serialized } from '../../server/serialized';
import { deleteKeys, killableNode, redisNode, until } from '../helpers/redis-nodes';
import { uniqueName } from '../helpers/services';

const APP = 1400000001;

interface Subject {
  publisher: Bus;
  receiver: Bus;
  /** Resolves once what `publisher` published so far has reached `receiver`'s sessions. */
  flush: () => Promise<void>;
  close: () => Promise<void>;
}

/** Two nodes on one Redis: a publish on the first reaches the second through Redis. */
async function twoRedisNodes(): Promise<Subject & { nodes: RedisShared[]; prefix: string }> {
  const prefix = `${uniqueName('bus')}:`;
  const nodes = [await redisNode(prefix), await redisNode(prefix)];
  const [publisher, receiver] = nodes.map((node) => node.bus);
  // Pub/sub keeps order: once a push to this user arrives, every earlier one has.
  const marker = session('flush-marker');
  await receiver.add(marker);
  return {
    nodes,
    prefix,
    publisher,
    receiver,
    async flush() {
      const before = marker.frames.length;
      await publisher.publish(APP, [marker.userID], 'groupListChanged', { groupID: 'flush' });
      await until(() => marker.frames.length > before);
      marker.frames.length = 0;
    },
    async close() {
      await Promise.all(nodes.map((node) => node.close().catch(() => undefined)));
      await deleteKeys(prefix);
    },
  };
}

/**
 * The Bus contract. Every implementation must pass it; a bus across nodes runs it with two
 * instances on one Redis, so that `publisher` and `receiver` are different nodes.
 */
const implementations: Array<[string, () => Promise<Subject>]> = [
  [
    'in-process',
    async () => {
      const bus = new InProcessBus();
      return { publisher: bus, receiver: bus, flush: async () => undefined, close: async () => undefined };
    },
  ],
  [
    'Redis, one node',
    async () => {
      const prefix = `${uniqueName('bus')}:`;
      const node = await redisNode(prefix);
      return {
        publisher: node.bus,
        receiver: node.bus,
        flush: async () => undefined,
        close: async () => {
          await node.close();
          await deleteKeys(prefix);
        },
      };
    },
  ],
  ['Redis, two nodes', twoRedisNodes],
];

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
  let flush: () => Promise<void>;
  let close: () => Promise<void>;
  beforeEach(async () => ({ publisher, receiver, flush, close } = await make()));
  afterEach(() => close());

  test('a push reaches every session of the user', async () => {
    const [phone, laptop] = [session('bob'), session('bob')];
    await receiver.add(phone);
    await receiver.add(laptop);
    await publisher.publish(APP, ['bob'], 'groupListChanged', { groupID: 'g1' });
    await flush();
    expect(phone.frames).toEqual(['{"t":"push","ev":"groupListChanged","d":{"groupID":"g1"}}']);
    expect(laptop.frames).toEqual(phone.frames);
  });

  test("the session the event came from is skipped; the user's other sessions, on any node, get it", async () => {
    // The socket an event came from is always on the node that publishes.
    const [origin, sameNode, otherNode] = [session('alice'), session('alice'), session('alice')];
    await publisher.add(origin);
    await publisher.add(sameNode);
    await receiver.add(otherNode);
    await publisher.publish(APP, ['alice'], 'message', message, origin);
    await flush();
    expect(origin.frames).toEqual([]);
    expect(sameNode.frames).toHaveLength(1);
    expect(otherNode.frames).toEqual(sameNode.frames);
  });

  test('one publish reaches several users; users not connected, and other apps, get nothing', async () => {
    const [bob, carol, otherAppBob] = [session('bob'), session('carol'), session('bob', APP + 1)];
    await Promise.all([bob, carol, otherAppBob].map((s) => receiver.add(s)));
    await expect(
      publisher.publish(APP, ['bob', 'carol', 'dave'], 'peerRead', { conversationID: 'C2Calice', sequence: 3 }),
    ).resolves.toBeUndefined();
    await flush();
    expect(bob.frames).toHaveLength(1);
    expect(carol.frames).toEqual(bob.frames);
    expect(otherAppBob.frames).toEqual([]);
  });

  test('a removed session gets nothing more', async () => {
    const bob = session('bob');
    await receiver.add(bob);
    await receiver.remove(bob);
    await publisher.publish(APP, ['bob'], 'groupListChanged', { groupID: 'g1' });
    await flush();
    expect(bob.frames).toEqual([]);
  });

  test('isOnline: true while the user has a session, on any node; false after the last one is removed', async () => {
    const [phone, laptop] = [session('bob'), session('bob')];
    expect(await publisher.isOnline(APP, 'bob')).toBe(false);
    await receiver.add(phone);
    await receiver.add(laptop);
    expect(await publisher.isOnline(APP, 'bob')).toBe(true);
    expect(await publisher.isOnline(APP + 1, 'bob')).toBe(false);
    await receiver.remove(phone);
    expect(await publisher.isOnline(APP, 'bob')).toBe(true);
    await receiver.remove(laptop);
    expect(await publisher.isOnline(APP, 'bob')).toBe(false);
  });

  test('frames are byte for byte what JSON.stringify makes of { t: "push", ev, d }', async () => {
    const bob = session('bob');
    await receiver.add(bob);
    const receipts = [{ conversationID: 'C2Cbob', ID: 'm1', readCount: 1, unreadCount: 0 }];
    await publisher.publish(APP, ['bob'], 'message', message);
    await publisher.publish(APP, ['bob'], 'message', new Serialized<WireMessage>(JSON.stringify(message)));
    await publisher.publish(APP, ['bob'], 'readReceipt', receipts);
    await flush();
    const expected = JSON.stringify({ t: 'push', ev: 'message', d: message });
    expect(bob.frames).toEqual([expected, expected, JSON.stringify({ t: 'push', ev: 'readReceipt', d: receipts })]);
  });

  test('serialized data goes into the frame as is, not serialized again', async () => {
    const [bob, carol] = [session('bob'), session('carol')];
    await receiver.add(bob);
    await receiver.add(carol);
    // Spacing JSON.stringify would never make: it can only survive if the text is embedded untouched.
    const storedText = '{ "ID" : "m1",  "sequence" : 7 }';
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      await publisher.publish(APP, ['bob', 'carol'], 'message', new Serialized<WireMessage>(storedText));
      expect(stringify.mock.calls.filter(([value]) => typeof value === 'object')).toEqual([]);
    } finally {
      stringify.mockRestore();
    }
    await flush();
    expect(bob.frames).toEqual([`{"t":"push","ev":"message","d":${storedText}}`]);
    expect(carol.frames).toEqual(bob.frames);
  });

  test('data that is not serialized yet is serialized once per publish, however many users it reaches', async () => {
    await Promise.all(['bob', 'carol', 'dave'].map((userID) => receiver.add(session(userID))));
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
    await receiver.add(bob);
    await Promise.all(
      [1, 2, 3].map((sequence) =>
        publisher.publish(APP, ['bob'], 'peerRead', { conversationID: 'C2Calice', sequence }),
      ),
    );
    await flush();
    expect(bob.frames.map((frame) => (JSON.parse(frame) as { d: { sequence: number } }).d.sequence)).toEqual([1, 2, 3]);
  });
});

describe('Redis bus across nodes', () => {
  let subject: Awaited<ReturnType<typeof twoRedisNodes>>;
  beforeEach(async () => (subject = await twoRedisNodes()));
  afterEach(() => subject.close());

  test('a user on both nodes gets one copy per session, whichever node publishes', async () => {
    const [first, second] = subject.nodes.map((node) => node.bus);
    const [here, there] = [session('bob'), session('bob')];
    await first.add(here);
    await second.add(there);
    await first.publish(APP, ['bob'], 'groupListChanged', { groupID: 'from-first' });
    await second.publish(APP, ['bob'], 'groupListChanged', { groupID: 'from-second' });
    await subject.flush();
    await until(() => here.frames.length === 2);
    expect([...here.frames].sort()).toEqual([...there.frames].sort());
    expect(there.frames.map((frame) => (JSON.parse(frame) as { d: { groupID: string } }).d.groupID).sort()).toEqual([
      'from-first',
      'from-second',
    ]);
  });

  test("a node listens to a user's channel from their first session there to their last", async () => {
    const { Redis } = await import('ioredis');
    const { testRedisURL } = await import('../helpers/services');
    const redis = new Redis(testRedisURL());
    const receivers = async () => {
      const reply = (await redis.pubsub('NUMSUB', `${subject.prefix}u:${APP}:bob`)) as [string, number];
      return Number(reply[1]);
    };
    try {
      const [phone, laptop] = [session('bob'), session('bob')];
      await subject.receiver.add(phone);
      await subject.receiver.add(laptop);
      expect(await receivers()).toBe(1);
      await subject.receiver.remove(phone);
      expect(await receivers()).toBe(1);
      await subject.receiver.remove(laptop);
      expect(await receivers()).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  test('a node that closes takes its users offline at once', async () => {
    await subject.receiver.add(session('bob'));
    expect(await subject.publisher.isOnline(APP, 'bob')).toBe(true);
    await subject.nodes[1].close();
    expect(await subject.publisher.isOnline(APP, 'bob')).toBe(false);
  });

  test('a node killed without a goodbye: its users are offline once its heartbeat lapses, not before', async () => {
    const [aliveMs, heartbeatMs] = [1000, 100];
    const doomed = await killableNode(subject.prefix, aliveMs, heartbeatMs);
    try {
      await doomed.bus.add(session('kim'));
      expect(await subject.publisher.isOnline(APP, 'kim')).toBe(true);
      doomed.kill();
      const killedAt = Date.now();
      expect(await subject.publisher.isOnline(APP, 'kim')).toBe(true);
      await until(async () => !(await subject.publisher.isOnline(APP, 'kim')), 5000);
      // Its last heartbeat came at most one beat before the kill.
      expect(Date.now() - killedAt).toBeGreaterThanOrEqual(aliveMs - heartbeatMs - 20);
    } finally {
      await doomed.bury();
    }
  });
});
