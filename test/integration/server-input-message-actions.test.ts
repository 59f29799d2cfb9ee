import { RawClient } from '../helpers/raw-client';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';

/**
 * Raw frames for revokeMessage, deleteMessage, modifyMessage and getMessageListHopping that bypass
 * the SDK's checks: each gets its documented code and a message a person can act on, and the
 * stored messages stay as they were.
 */
let server: ServerProcess;
let alice: RawClient;
let bob: RawClient;

const TEXT_ID = 'raw-text';
const MERGER_ID = 'raw-merger';
const text = { conversationID: 'GROUPteam', ID: TEXT_ID };
const merger = { conversationID: 'GROUPteam', ID: MERGER_ID };

const draft = (ID: string, type: string, payload: Record<string, unknown>) => ({
  ID,
  type,
  conversationType: 'GROUP',
  to: 'team',
  payload,
  priority: 'Normal',
});

beforeAll(async () => {
  server = await ServerProcess.start();
  alice = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'alice', server.userSig('alice'));
  bob = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'bob', server.userSig('bob'));
  const ok = { code: 0 };
  expect(
    await alice.request('createGroup', { name: 'team', groupID: 'team', memberList: [{ userID: 'bob' }] }),
  ).toMatchObject(ok);
  expect(await alice.request('send', draft(TEXT_ID, 'TIMTextElem', { text: 'original' }))).toMatchObject(ok);
  const merged = { type: 'TIMTextElem', payload: { text: 'inside' }, from: 'alice', time: 1 };
  expect(
    await alice.request(
      'send',
      draft(MERGER_ID, 'TIMRelayElem', { title: 't', compatibleText: 'merged', messageList: [merged] }),
    ),
  ).toMatchObject(ok);
});

afterAll(async () => {
  alice?.close();
  bob?.close();
  await server?.close();
});

afterEach(async () => {
  const answer = await bob.request('getMessageList', { conversationID: 'GROUPteam' });
  expect(answer).toMatchObject({
    code: 0,
    d: {
      messageList: [
        { ID: TEXT_ID, payload: { text: 'original' } },
        { ID: MERGER_ID, cloudCustomData: '' },
      ],
    },
  });
  const [stored] = (answer as { d: { messageList: Array<Record<string, unknown>> } }).d.messageList;
  expect(stored.isRevoked).toBeUndefined();
  expect(stored.version).toBeUndefined();
});

test.each([
  ['revokeMessage', {}, 90003, /message/],
  ['revokeMessage', { message: { conversationID: 'GROUPteam' } }, 90003, /ID/],
  ['revokeMessage', { message: { conversationID: '@TIM#SYSTEM', ID: 'x' } }, 2106, /conversation/],
  ['revokeMessage', { message: { conversationID: 'GROUPteam', ID: 'nope' } }, 20026, /no message nope/],
  ['revokeMessage', { message: text, extra: 1 }, 10007, /sender/],
  ['deleteMessage', { messageList: [] }, 90003, /non-empty/],
  ['deleteMessage', { messageList: Array.from({ length: 31 }, () => text) }, 90003, /at most 30/],
  ['deleteMessage', { messageList: [text, { conversationID: 'C2Calice', ID: 'x' }] }, 90003, /one conversation/],
  ['deleteMessage', { messageList: [text, { conversationID: 'GROUPteam', ID: 'nope' }] }, 20026, /nope/],
  ['modifyMessage', { message: text }, 90003, /version/],
  ['modifyMessage', { message: text, version: -1, payload: { text: 'x' } }, 90003, /version/],
  ['modifyMessage', { message: text, version: 0, payload: 'x' }, 90003, /payload/],
  ['modifyMessage', { message: text, version: 0, payload: { text: 7 } }, 90003, /payload.text/],
  ['modifyMessage', { message: text, version: 0, cloudCustomData: 5 }, 90003, /cloudCustomData/],
  ['modifyMessage', { message: text, version: 0, payload: { text: 'x'.repeat(13_000) } }, 80002, /12 KB/],
  ['modifyMessage', { message: text, version: 3, payload: { text: 'stale' } }, 2480, /version 3/],
  ['modifyMessage', { message: merger, version: 0, payload: { title: 'new' } }, 90003, /cannot be modified/],
  ['modifyMessage', { message: { conversationID: 'GROUPteam', ID: 'nope' }, version: 0 }, 20026, /nope/],
  ['getMessageListHopping', { conversationID: 'GROUPteam' }, 90003, /sequence or a time/],
  ['getMessageListHopping', { conversationID: 'GROUPteam', sequence: 1.5 }, 90003, /sequence/],
  ['getMessageListHopping', { conversationID: 'GROUPteam', time: -1 }, 90003, /time/],
  ['getMessageListHopping', { conversationID: 'GROUPteam', sequence: 1, direction: '1' }, 90003, /direction/],
  ['getMessageListHopping', { conversationID: 'GROUPteam', sequence: 1, count: 0 }, 90003, /count/],
  ['getMessageListHopping', { conversationID: 'GROUPother', sequence: 1 }, 10010, /other/],
])('%s (case %#) → %i', async (op, d, code, message) => {
  const answer = await bob.request(op, d);
  expect(answer).toMatchObject({ t: 'res', code });
  expect((answer as { msg: string }).msg).toMatch(message);
});

test('a modify conflict (2480) answers the current message with it', async () => {
  const answer = await bob.request('modifyMessage', { message: text, version: 1, payload: { text: 'stale' } });
  expect(answer).toMatchObject({ code: 2480, d: { message: { ID: TEXT_ID, payload: { text: 'original' } } } });
});

test('the payload of a merger cannot change, but its cloudCustomData can, for everyone', async () => {
  const answer = await bob.request('modifyMessage', { message: merger, version: 0, cloudCustomData: 'note' });
  expect(answer).toMatchObject({ code: 0, d: { message: { ID: MERGER_ID, cloudCustomData: 'note', version: 1 } } });
  // Put back, so the other tests find it as it was (the afterEach check).
  expect(await bob.request('modifyMessage', { message: merger, version: 1, cloudCustomData: '' })).toMatchObject({
    code: 0,
  });
});
