import TencentCloudChat from 'tidings';
import { CuttingProxy } from '../helpers/cutting-proxy';
import { RawClient } from '../helpers/raw-client';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { destroyAll, nextEvent, readyChat, rejectionOf, until, type Chat } from '../helpers/sdk';

/** setSelfStatus, getUserStatus, subscribeUserStatus, unsubscribeUserStatus and USER_STATUS_UPDATED, as the server sees connections. */
const { TYPES, EVENT } = TencentCloudChat;
let server: ServerProcess;

type Status = { userID: string; statusType: number; customStatus: string };

/** The statuses of others that `chat` (logged in as `self`) hears: its own may still arrive from its login, later on several nodes. */
function statusEvents(chat: Chat, self: string): Status[] {
  const seen: Status[] = [];
  chat.on(EVENT.USER_STATUS_UPDATED, ({ data }) =>
    seen.push(...(data as Status[]).filter((status) => status.userID !== self)),
  );
  return seen;
}

beforeAll(async () => {
  server = await ServerProcess.start();
});

afterEach(destroyAll);

afterAll(async () => {
  await server?.close();
});

test('getUserStatus: online while the user has a connection, offline otherwise', async () => {
  const [amy] = await Promise.all([readyChat(server, 'amy'), readyChat(server, 'ben')]);
  const { data } = await amy.getUserStatus({ userIDList: ['ben', 'nobody', 'amy'] });
  expect(data).toEqual({
    successUserList: [
      { userID: 'ben', statusType: TYPES.USER_STATUS_ONLINE, customStatus: '' },
      { userID: 'nobody', statusType: TYPES.USER_STATUS_OFFLINE, customStatus: '' },
      { userID: 'amy', statusType: TYPES.USER_STATUS_ONLINE, customStatus: '' },
    ],
    failureUserList: [],
  });
});

test('setSelfStatus answers the status, tells the user’s own devices and subscribers, and getUserStatus reads it', async () => {
  const [cal, calPhone, dee] = await Promise.all(['cal', 'cal', 'dee'].map((id) => readyChat(server, id)));
  await dee.subscribeUserStatus({ userIDList: ['cal'] });
  const toPhone = nextEvent(calPhone, EVENT.USER_STATUS_UPDATED);
  const toSelf = nextEvent(cal, EVENT.USER_STATUS_UPDATED);
  const toDee = nextEvent(dee, EVENT.USER_STATUS_UPDATED);
  const { data } = await cal.setSelfStatus({ customStatus: 'listening to music 🎵' });
  const expected = { userID: 'cal', statusType: TYPES.USER_STATUS_ONLINE, customStatus: 'listening to music 🎵' };
  expect(data).toEqual(expected);
  for (const event of await Promise.all([toPhone, toSelf, toDee])) expect(event).toEqual([expected]);
  expect((await dee.getUserStatus({ userIDList: ['cal'] })).data.successUserList).toEqual([expected]);
  // An empty text clears it.
  await cal.setSelfStatus({ customStatus: '' });
  expect((await dee.getUserStatus({ userIDList: ['cal'] })).data.successUserList[0].customStatus).toBe('');
});

test('subscribers hear online and offline as the server sees the connections; unsubscribing stops it', async () => {
  const eve = await readyChat(server, 'eve');
  const heard = statusEvents(eve, 'eve');
  expect(await eve.subscribeUserStatus({ userIDList: ['fay', 'gus'] })).toEqual({
    code: 0,
    data: { failureUserList: [] },
  });
  // The current status first.
  await until(() => heard.length === 2);
  expect(heard.map((s) => [s.userID, s.statusType])).toEqual([
    ['fay', TYPES.USER_STATUS_OFFLINE],
    ['gus', TYPES.USER_STATUS_OFFLINE],
  ]);

  const fay = await readyChat(server, 'fay');
  await until(() => heard.length === 3);
  expect(heard[2]).toEqual({ userID: 'fay', statusType: TYPES.USER_STATUS_ONLINE, customStatus: '' });
  // A second device changes nothing: fay was online already.
  const fayTablet = await readyChat(server, 'fay');
  await fayTablet.logout();
  await fay.logout();
  await until(() => heard.length === 4);
  expect(heard[3]).toEqual({ userID: 'fay', statusType: TYPES.USER_STATUS_OFFLINE, customStatus: '' });

  await eve.unsubscribeUserStatus({ userIDList: ['fay'] });
  const gus = await readyChat(server, 'gus');
  await until(() => heard.length === 5);
  expect(heard[4]).toMatchObject({ userID: 'gus', statusType: TYPES.USER_STATUS_ONLINE });
  await readyChat(server, 'fay');
  await eve.unsubscribeUserStatus();
  await gus.logout();
  await eve.getUserStatus({ userIDList: ['gus'] });
  expect(heard).toHaveLength(5);
});

test('after a network drop the SDK subscribes again; the subscribed user saw it go offline and online', async () => {
  const proxy = await CuttingProxy.start(server.url);
  try {
    const hal = await readyChat(server, 'hal', proxy.url);
    const heard = statusEvents(hal, 'hal');
    await hal.subscribeUserStatus({ userIDList: ['ivy'] });
    const ivy = await readyChat(server, 'ivy');
    const ivyHeard = statusEvents(ivy, 'ivy');
    await ivy.subscribeUserStatus({ userIDList: ['hal'] });
    await until(() => heard.some((s) => s.userID === 'ivy' && s.statusType === TYPES.USER_STATUS_ONLINE));
    heard.length = 0;
    proxy.cutAll();
    await until(() => ivyHeard.some((s) => s.userID === 'hal' && s.statusType === TYPES.USER_STATUS_OFFLINE), 10_000);
    // Subscribed again, the SDK reports ivy's status as it is now.
    await until(() => heard.some((s) => s.userID === 'ivy' && s.statusType === TYPES.USER_STATUS_ONLINE), 15_000);
    expect(ivyHeard.at(-1)).toMatchObject({ userID: 'hal', statusType: TYPES.USER_STATUS_ONLINE });
    await ivy.setSelfStatus({ customStatus: 'still here' });
    await until(() => heard.some((s) => s.userID === 'ivy' && s.customStatus === 'still here'), 10_000);
  } finally {
    await proxy.close();
  }
});

test.each([
  ['setSelfStatus', { customStatus: 'x'.repeat(101) }, /customStatus must be a string of at most 100 bytes/],
  ['setSelfStatus', { customStatus: 5 }, /customStatus/],
  ['setSelfStatus', undefined, /setSelfStatus options must be an object/],
  ['getUserStatus', { userIDList: [] }, /userIDList/],
  ['subscribeUserStatus', { userIDList: ['a b'] }, /userIDList/],
  ['unsubscribeUserStatus', { userIDList: 'jim' }, /userIDList/],
] as const)('%s(%j) → 90003', async (method, options, message) => {
  const kim = await readyChat(server, 'kim');
  const call = (kim[method] as (o: unknown) => Promise<unknown>).bind(kim);
  expect(await rejectionOf(call(options))).toMatchObject({ code: 90003, message: expect.stringMatching(message) });
});

test('following more than 200 users is refused with 90003 and the ones followed stay', async () => {
  const lea = await readyChat(server, 'lea');
  const users = (from: number, n: number) => Array.from({ length: n }, (_, i) => `u${from + i}`);
  await lea.subscribeUserStatus({ userIDList: users(0, 200) });
  expect(await rejectionOf(lea.subscribeUserStatus({ userIDList: users(200, 1) }))).toMatchObject({
    code: 90003,
    message: expect.stringMatching(/at most 200/),
  });
  await lea.subscribeUserStatus({ userIDList: users(0, 10) });
});

test('status calls before login are 2999', async () => {
  const chat = TencentCloudChat.create({ SDKAppID: 1, serverURL: server.url });
  expect(await rejectionOf(chat.getUserStatus({ userIDList: ['x'] }))).toMatchObject({ code: 2999 });
  expect(await rejectionOf(chat.setSelfStatus({ customStatus: 'x' }))).toMatchObject({ code: 2999 });
  await chat.destroy();
});

test("a connection's first frame is the answer to its login; its own online status comes after it", async () => {
  const client = await RawClient.connect(server.socketURL);
  const login = { SDKAppID: TEST_SDKAPPID, userID: 'quinn', userSig: server.userSig('quinn'), protocolVersion: 1 };
  client.sendRaw(JSON.stringify({ t: 'req', id: 1, op: 'login', d: login }));
  await until(() => client.frames.length >= 2);
  expect(client.frames.map((frame) => frame.t)).toEqual(['res', 'push']);
  expect(client.frames[1]).toMatchObject({
    ev: 'userStatus',
    d: [{ userID: 'quinn', statusType: TYPES.USER_STATUS_ONLINE }],
  });
  client.socket.close();
});
