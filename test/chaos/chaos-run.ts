import TencentCloudChat from 'tidings';
import { CuttingProxy } from '../helpers/cutting-proxy';
import { destroyAll, readyChat, type Chat } from '../helpers/sdk';
import { ServerProcess } from '../helpers/server-process';

export interface ChaosOptions {
  clients: number;
  messagesPerClient: number;
  /** kill -9 + restart on the same data and port, spread evenly over the sends. */
  kills: number;
  /** Every connection cut at the proxy at once, spread evenly over the sends. */
  cuts: number;
  /** Messages each client's app sends per second. */
  ratePerClient: number;
  /** The share of messages that go to the one group all clients are in (the rest are C2C to a random peer). */
  groupShare: number;
  /** The most time given after the last send for deliveries to arrive (live, catch-up, the outbox). */
  settleMs: number;
  seed: number;
  log: (line: string) => void;
}

export const GROUP_ID = 'chaos';

/** One message an app gave to sendMessage, and what the SDK said about it. */
export interface SentMessage {
  ID: string;
  from: string;
  /** A userID (C2C) or GROUP_ID. */
  to: string;
  isGroup: boolean;
  /** The SDK resolved sendMessage: the sequence it answered (0: answered but not stored). */
  acknowledged?: { sequence: number; at: number };
  /** The SDK rejected sendMessage with this code; the app does nothing about it. */
  failedCode?: number;
}

export interface KillRecord {
  killedAt: number;
  restartedAt: number;
}

/** Where a run happens: servers behind a proxy the clients connect through. */
export interface ChaosDeployment {
  proxy: CuttingProxy;
  /** A server the checks read the stored data from (straight, not through the proxy). */
  server: ServerProcess;
  /** Kill number `n` (from 0): SIGKILL a server and start it again. */
  killAndRestart(n: number): Promise<void>;
  close(): Promise<void>;
}

/** One server, killed and restarted on the same data and port. */
async function singleServer(): Promise<ChaosDeployment> {
  const server = await ServerProcess.start();
  const proxy = await CuttingProxy.start(server.url);
  return {
    proxy,
    server,
    killAndRestart: async () => {
      await server.kill();
      await server.restart();
    },
    close: async () => {
      await proxy.close();
      await server.close();
    },
  };
}

/** What a run leaves for the checks: the server (running again, with the final data), the clients and the records. */
export interface ChaosRecords {
  deployment: ChaosDeployment;
  server: ServerProcess;
  proxy: CuttingProxy;
  users: string[];
  chats: Map<string, Chat>;
  sent: SentMessage[];
  /** Per recipient, how many times each message ID reached it as MESSAGE_RECEIVED (live or catch-up). */
  received: Map<string, Map<string, number>>;
  kills: KillRecord[];
  seconds: number;
}

/** mulberry32: a small seeded generator, so a run's choice of recipients can be replayed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function countReceived(chat: Chat, counts: Map<string, number>): void {
  chat.on(TencentCloudChat.EVENT.MESSAGE_RECEIVED, ({ data }) => {
    for (const { ID } of data as Array<{ ID: string }>) counts.set(ID, (counts.get(ID) ?? 0) + 1);
  });
}

/** One client's app: sends at its rate, one message at a time, and does nothing when a send fails. */
async function appSends(
  userID: string,
  seedOffset: number,
  chat: Chat,
  peers: string[],
  options: ChaosOptions,
  sent: SentMessage[],
  onStarted: () => void,
): Promise<void> {
  const random = randomFrom(options.seed * 31 + seedOffset);
  const interval = 1000 / options.ratePerClient;
  const start = Date.now();
  for (let i = 0; i < options.messagesPerClient; i++) {
    const isGroup = random() < options.groupShare;
    const to = isGroup ? GROUP_ID : peers[Math.floor(random() * peers.length)];
    const message = chat.createTextMessage({
      to,
      conversationType: isGroup ? TencentCloudChat.TYPES.CONV_GROUP : TencentCloudChat.TYPES.CONV_C2C,
      payload: { text: `${userID} #${i}` },
    });
    const record: SentMessage = { ID: message.ID, from: userID, to, isGroup };
    sent.push(record);
    onStarted();
    try {
      const { data } = await chat.sendMessage(message);
      record.acknowledged = { sequence: data.message.sequence, at: Date.now() };
    } catch (error) {
      record.failedCode = (error as { code?: number }).code ?? -1;
    }
    const due = start + (i + 1) * interval;
    if (due > Date.now()) await pause(due - Date.now());
  }
}

/**
 * Waits until every client is connected and none has received anything for `quietMs`, or `maxMs`
 * passed. A client may still be in its reconnect backoff (up to 10 s) when the sends end; its
 * catch-up comes after that.
 */
async function settle(
  received: ChaosRecords['received'],
  connected: () => boolean,
  quietMs: number,
  maxMs: number,
): Promise<void> {
  const total = () => [...received.values()].reduce((sum, counts) => sum + counts.size, 0);
  const deadline = Date.now() + maxMs;
  let last = total();
  let quietSince = Date.now();
  while (Date.now() < deadline && !(connected() && Date.now() - quietSince >= quietMs)) {
    await pause(200);
    const now = total();
    if (now !== last || !connected()) [last, quietSince] = [now, Date.now()];
  }
}

/**
 * Starts a server behind a cutting proxy, logs `clients` SDKs in through it, puts them all in one
 * group, and lets each app send while the server is killed with SIGKILL and restarted, and every
 * connection is cut, at evenly spaced points of the run. Returns the records; `stopChaos` ends it.
 */
export async function runChaos(
  options: ChaosOptions,
  deploy: () => Promise<ChaosDeployment> = singleServer,
): Promise<ChaosRecords> {
  const started = Date.now();
  const deployment = await deploy();
  const { server, proxy } = deployment;
  const users = Array.from({ length: options.clients }, (_, i) => `chaos${i}`);
  const chats = new Map<string, Chat>();
  for (const userID of users) {
    const chat = await readyChat(server, userID, proxy.url);
    chat.setLogLevel(4); // every reconnect that fails while the server is down is logged: thousands in a run
    chats.set(userID, chat);
  }
  await chats.get(users[0])!.createGroup({
    name: GROUP_ID,
    type: TencentCloudChat.TYPES.GRP_WORK,
    groupID: GROUP_ID,
    memberList: users.slice(1).map((userID) => ({ userID })),
  });
  const received = new Map(users.map((userID) => [userID, new Map<string, number>()]));
  for (const userID of users) countReceived(chats.get(userID)!, received.get(userID)!);
  const netStates = new Map(users.map((userID) => [userID, TencentCloudChat.TYPES.NET_STATE_CONNECTED as string]));
  for (const userID of users)
    chats
      .get(userID)!
      .on(TencentCloudChat.EVENT.NET_STATE_CHANGE, ({ data }) =>
        netStates.set(userID, (data as { state: string }).state),
      );
  const allConnected = () =>
    [...netStates.values()].every((state) => state === TencentCloudChat.TYPES.NET_STATE_CONNECTED);

  const total = options.clients * options.messagesPerClient;
  const sent: SentMessage[] = [];
  const kills: KillRecord[] = [];
  let startedSends = 0;
  const nextKillAt = (n: number) => Math.floor(((n + 1) * total) / (options.kills + 1));
  const nextCutAt = (n: number) => Math.floor(((n + 1) * total) / (options.cuts + 1));
  let sending = true;
  let cutsDone = 0;
  const chaos = (async () => {
    while (sending) {
      if (kills.length < options.kills && startedSends >= nextKillAt(kills.length)) {
        const killedAt = Date.now();
        await deployment.killAndRestart(kills.length);
        kills.push({ killedAt, restartedAt: Date.now() });
        options.log(`kill -9 #${kills.length} after ${startedSends} sends; back in ${Date.now() - killedAt} ms`);
      } else if (cutsDone < options.cuts && startedSends >= nextCutAt(cutsDone)) {
        proxy.cutAll();
        cutsDone += 1;
      } else await pause(5);
    }
  })();
  const progress = setInterval(
    () => options.log(`${startedSends}/${total} sends started, ${kills.length} kills, ${cutsDone} cuts`),
    10_000,
  );
  await Promise.all(
    users.map((userID, index) =>
      appSends(
        userID,
        index,
        chats.get(userID)!,
        users.filter((peer) => peer !== userID),
        options,
        sent,
        () => startedSends++,
      ),
    ),
  );
  sending = false;
  await chaos;
  clearInterval(progress);
  options.log(`all ${sent.length} sends done; waiting up to ${options.settleMs} ms for deliveries to settle`);
  await settle(received, allConnected, 3000, options.settleMs);
  return { deployment, server, proxy, users, chats, sent, received, kills, seconds: (Date.now() - started) / 1000 };
}

export async function stopChaos(records: ChaosRecords): Promise<void> {
  await destroyAll();
  await records.deployment.close();
}
