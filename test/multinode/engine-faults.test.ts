import TencentCloudChat from 'tidings';
import { startDeployment, type Deployment } from '../helpers/deployment';
import { destroyAll, inbox, readyChat, until } from '../helpers/sdk';
import { startTempPostgres, startTempRedis, type TempService } from '../helpers/temp-services';

/**
 * PostgreSQL and Redis of the test's own (never the machine's shared ones) go away under two nodes
 * and come back: no acknowledged message is lost, sends while the database is down are refused as
 * retryable (the outbox sends them again), and the nodes recover without a restart of their own.
 */
let postgres: TempService;
let redis: TempService;
let deployment: Deployment;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startTempPostgres(), startTempRedis()]);
  deployment = await startDeployment({ nodes: 2, engines: { databaseURL: postgres.url, redisURL: redis.url } });
}, 90_000);
afterAll(async () => {
  await destroyAll();
  await deployment?.close();
  await Promise.all([postgres?.destroy(), redis?.destroy()]);
});

async function health(
  url: string,
): Promise<{ status: number; body: { ok: boolean; engines: Record<string, string> } }> {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as { ok: boolean; engines: Record<string, string> } };
}

const text = (chat: Awaited<ReturnType<typeof readyChat>>, to: string, body: string) =>
  chat.createTextMessage({ to, conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { text: body } });

test('the database goes away and comes back: sends meanwhile wait in the outbox and arrive once; /healthz tells', async () => {
  const [node0, node1] = deployment.nodes;
  const alice = await readyChat(node0, 'alice');
  const bob = await readyChat(node1, 'bob');
  const bobGot = inbox(bob);
  await alice.sendMessage(text(alice, 'bob', 'before'));

  await postgres.stop();
  expect(await health(node0.url)).toMatchObject({ status: 503, body: { ok: false, engines: { database: 'down' } } });
  const during = [1, 2, 3].map((n) => alice.sendMessage(text(alice, 'bob', `during ${n}`)));
  await new Promise((resolve) => setTimeout(resolve, 1500)); // the outbox has tried and been told to retry
  await postgres.start();

  const results = await Promise.all(during);
  expect(results.map((result) => result.data.message.sequence)).toEqual([2, 3, 4]);
  await until(() => bobGot.length === 4, 15_000);
  expect(bobGot.map((message) => message.payload.text)).toEqual(['before', 'during 1', 'during 2', 'during 3']);
  expect(await health(node0.url)).toMatchObject({ status: 200, body: { ok: true } });
}, 60_000);

test('Redis goes away and comes back: pushes across nodes resume without a restart of the nodes', async () => {
  const [node0, node1] = deployment.nodes;
  const carol = await readyChat(node0, 'carol');
  const dave = await readyChat(node1, 'dave');
  const daveGot = inbox(dave);
  await carol.sendMessage(text(carol, 'dave', 'first'));
  await until(() => daveGot.length === 1, 10_000);

  await redis.stop();
  expect(await health(node1.url)).toMatchObject({ status: 503, body: { engines: { redis: 'down' } } });
  // Stored while Redis is down: the push to the other node may be lost; dave's SDK fills the gap.
  await carol.sendMessage(text(carol, 'dave', 'while redis was down'));
  await redis.start();
  const deadline = Date.now() + 20_000;
  while ((await health(node1.url)).status !== 200 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));

  await carol.sendMessage(text(carol, 'dave', 'after'));
  await until(() => daveGot.some((message) => message.payload.text === 'after'), 20_000);
  await until(() => daveGot.length === 3, 20_000);
  expect(daveGot.map((message) => message.payload.text).sort()).toEqual(['after', 'first', 'while redis was down']);
}, 60_000);
