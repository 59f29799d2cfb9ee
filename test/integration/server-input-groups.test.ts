import { RawClient } from '../helpers/raw-client';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';

/**
 * Raw frames for groups, send options, receipts and extensions that bypass the SDK's checks.
 * Each gets the documented code and an actionable message, and nothing is stored or delivered.
 */
let server: ServerProcess;
let alice: RawClient;
let bob: RawClient;
let counter = 0;

const groupDraft = (overrides: Record<string, unknown> = {}) => ({
  ID: `g-${++counter}`,
  type: 'TIMTextElem',
  conversationType: 'GROUP',
  to: 'team',
  payload: { text: 'hi' },
  priority: 'Normal',
  ...overrides,
});

beforeAll(async () => {
  server = await ServerProcess.start();
  alice = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'alice', server.userSig('alice'));
  bob = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'bob', server.userSig('bob'));
  expect(
    await alice.request('createGroup', { name: 'team', groupID: 'team', memberList: [{ userID: 'bob' }] }),
  ).toMatchObject({ code: 0 });
  bob.frames.length = 0;
});

afterAll(async () => {
  alice?.close();
  bob?.close();
  await server?.close();
});

async function expectNothingStored() {
  expect(await bob.request('getMessageList', { conversationID: 'GROUPteam' })).toMatchObject({
    code: 0,
    d: { messageList: [] },
  });
  expect(await bob.request('getMessageList', { conversationID: 'C2Calice' })).toMatchObject({
    code: 0,
    d: { messageList: [] },
  });
  expect(bob.frames.filter((f) => f.t === 'push' && f.ev === 'message')).toEqual([]);
}

describe('group sends with bad options store and deliver nothing', () => {
  afterEach(expectNothingStored);

  test.each([
    ['a hostile group to', { to: '../../etc/passwd' }, 90003, /to/],
    ['a group to that is a number', { to: 7 }, 90003, /to must be a non-empty string/],
    [
      'atUserList that is a string',
      { payload: { text: 'x', atUserList: 'bob' } },
      90003,
      /atUserList must be an array/,
    ],
    [
      'atUserList with 31 names',
      { payload: { text: 'x', atUserList: Array.from({ length: 31 }, (_, i) => `u${i}`) } },
      90003,
      /1 to 30/,
    ],
    [
      'atUserList with a hostile name',
      { payload: { text: 'x', atUserList: ['bob; drop table'] } },
      90003,
      /invalid entry/,
    ],
    [
      'atUserList in C2C',
      { conversationType: 'C2C', to: 'bob', payload: { text: 'x', atUserList: ['bob'] } },
      90003,
      /group messages only/,
    ],
    [
      'receiverList in C2C',
      { conversationType: 'C2C', to: 'bob', receiverList: ['bob'] },
      90003,
      /group messages only/,
    ],
    ['receiverList empty', { receiverList: [] }, 90003, /non-empty array/],
    [
      'receiverList of objects',
      { receiverList: [{ userID: 'bob' }] },
      90003,
      /invalid entry at \[0\]: it must be a userID/,
    ],
    ['onlineUserOnly as a string', { onlineUserOnly: 'true' }, 90003, /onlineUserOnly must be true or false/],
    ['messageControlInfo as an array', { messageControlInfo: [true] }, 90003, /messageControlInfo must be an object/],
    ['offlinePushInfo.title over 1024', { offlinePushInfo: { title: 't'.repeat(1025) } }, 90003, /at most 1024/],
    [
      'offlinePushInfo.disablePush as 1',
      { offlinePushInfo: { disablePush: 1 } },
      90003,
      /disablePush must be true or false/,
    ],
    ['onlineUserOnly with messageControlInfo', { onlineUserOnly: true, messageControlInfo: {} }, 90009, /together/],
  ])('%s', async (_name, overrides, code, message) => {
    const answer = await alice.request('send', groupDraft(overrides));
    expect(answer).toMatchObject({ t: 'res', code });
    expect((answer as { msg: string }).msg).toMatch(message);
  });
});

describe('receipts and extensions with bad references', () => {
  test.each([
    ['sendMessageReadReceipt', { messageList: 'all' }, 90003],
    [
      'sendMessageReadReceipt',
      { messageList: Array.from({ length: 31 }, () => ({ conversationID: 'GROUPteam', ID: 'x' })) },
      90003,
    ],
    ['sendMessageReadReceipt', { messageList: [{ conversationID: 'GROUPteam', ID: 'nope' }] }, 90008],
    [
      'sendMessageReadReceipt',
      {
        messageList: [
          { conversationID: 'GROUPteam', ID: 'a' },
          { conversationID: 'C2Cbob', ID: 'b' },
        ],
      },
      90003,
    ],
    ['getMessageReadReceiptList', { messageList: [{ conversationID: 'GROUPother', ID: 'x' }] }, 10010],
    ['getMessageReadReceiptList', { messageList: [{ conversationID: '@TIM#SYSTEM', ID: 'x' }] }, 2106],
    [
      'setMessageExtensions',
      { message: { conversationID: 'GROUPteam', ID: 'nope' }, extensions: [{ key: 'k', value: 'v' }] },
      90008,
    ],
    ['setMessageExtensions', { message: null, extensions: [{ key: 'k', value: 'v' }] }, 90003],
    [
      'setMessageExtensions',
      { message: { conversationID: 'GROUPteam', ID: 'x' }, extensions: [{ key: 'k', value: 5 }] },
      90003,
    ],
    ['deleteMessageExtensions', { message: { conversationID: 'GROUPteam', ID: 'x' }, keyList: 'k' }, 90003],
  ])('%s with %j', async (op, d, code) => {
    const answer = await alice.request(op, d);
    expect(answer).toMatchObject({ code });
    expect((answer as { msg: string }).msg.length).toBeGreaterThan(10);
  });

  test('a targeted message is invisible to others for receipts and extensions too', async () => {
    const carol = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'carol', server.userSig('carol'));
    expect(await alice.request('addGroupMember', { groupID: 'team', userIDList: ['carol'] })).toMatchObject({
      code: 0,
    });
    const sent = await alice.request(
      'send',
      groupDraft({ receiverList: ['carol'], needReadReceipt: true, isSupportExtension: true }),
    );
    const ID = (sent as { d: { ID: string } }).d.ID;
    expect(
      await bob.request('sendMessageReadReceipt', { messageList: [{ conversationID: 'GROUPteam', ID }] }),
    ).toMatchObject({ code: 90008 });
    expect(await bob.request('getMessageExtensions', { message: { conversationID: 'GROUPteam', ID } })).toMatchObject({
      code: 90008,
    });
    expect(
      await carol.request('sendMessageReadReceipt', { messageList: [{ conversationID: 'GROUPteam', ID }] }),
    ).toMatchObject({ code: 0 });
    const receipts = await alice.request('getMessageReadReceiptList', {
      messageList: [{ conversationID: 'GROUPteam', ID }],
    });
    expect(receipts).toMatchObject({ code: 0, d: { messageList: [{ ID, readCount: 1, unreadCount: 0 }] } });
    carol.close();
  });
});

test('after all of that the server is still running', () => {
  expect(server.isRunning()).toBe(true);
});
