import TencentCloudChat from 'tidings';
import { MAX_MERGER_LAYERS } from '../../protocol/limits';
import { RawClient } from '../helpers/raw-client';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { destroyAll, nextEvent, readyChat, rejectionOf } from '../helpers/sdk';
import { mergerLayersOf, nestedMerger, textDraft } from '../helpers/wire-message';

/**
 * Merged messages as the server stores them: each merged copy cut down to its type's fields, and the
 * reference's nesting rule (at most 100 layers; a deeper merger is kept with `layersOverLimit: true`
 * and without its content), read back through every read there is.
 */
let server: ServerProcess;
const clients: RawClient[] = [];

beforeAll(async () => {
  server = await ServerProcess.start();
});
afterAll(() => server.close());
afterEach(async () => {
  clients.splice(0).forEach((client) => client.close());
  await destroyAll();
});

async function login(userID: string): Promise<RawClient> {
  const client = await RawClient.login(server.socketURL, TEST_SDKAPPID, userID, server.userSig(userID));
  clients.push(client);
  return client;
}

const mergerDraft = (payload: Record<string, unknown>) => textDraft({ type: 'TIMRelayElem', payload });

/** A merger `layers` deep: each layer merges the next, the innermost a text. */

type Stored = { d: { payload: Record<string, unknown> & { messageList: Array<{ type: string; payload: unknown }> } } };

/** The newest message in bob's history with alice, after the conversation list also read fine. */
async function readBack(bob: RawClient): Promise<Stored['d']> {
  expect(await bob.request('getConversationList', {})).toMatchObject({ code: 0 });
  const history = (await bob.request('getMessageList', { conversationID: 'C2Calice' })) as unknown as {
    code: number;
    d: { messageList: Stored['d'][] };
  };
  expect(history.code).toBe(0);
  return history.d.messageList[history.d.messageList.length - 1];
}

test(`a merger ${MAX_MERGER_LAYERS + 1} layers deep is stored with layersOverLimit and no content, and reads back`, async () => {
  const [alice, bob] = [await login('alice'), await login('bob')];
  const answer = (await alice.request('send', mergerDraft(nestedMerger(MAX_MERGER_LAYERS + 1)))) as unknown as Stored;
  expect(answer).toMatchObject({
    code: 0,
    d: { payload: { layersOverLimit: true, title: '', abstractList: [], messageList: [], compatibleText: 'm' } },
  });
  const stored = await readBack(bob);
  expect(stored.payload).toEqual(answer.d.payload);
});

test('a merger of a few layers keeps every layer, each with layersOverLimit false', async () => {
  const [alice, bob] = [await login('alice'), await login('bob')];
  expect(await alice.request('send', mergerDraft(nestedMerger(5)))).toMatchObject({ code: 0 });
  const stored = await readBack(bob);
  expect(mergerLayersOf(stored.payload)).toBe(5);
  expect(stored.payload).toMatchObject({
    layersOverLimit: false,
    messageList: [{ payload: { layersOverLimit: false } }],
  });
});

test('merged copies keep only the fields their type has', async () => {
  const [alice, bob] = [await login('alice'), await login('bob')];
  const merged = {
    ID: 'm1',
    type: 'TIMTextElem',
    from: 'carol',
    status: 'success',
    payload: { text: 'hi', script: '<img onerror>', nested: [[{}]] },
    secret: { anything: 'at all' },
  };
  expect(await alice.request('send', mergerDraft({ compatibleText: 'm', messageList: [merged] }))).toMatchObject({
    code: 0,
  });
  const stored = await readBack(bob);
  expect(stored.payload.messageList).toEqual([
    { ID: 'm1', type: 'TIMTextElem', from: 'carol', status: 'success', payload: { text: 'hi' } },
  ]);
});

test.each([
  ['a merged message that is not an object', ['x'], /messageList has an invalid entry at \[0\]/],
  ['a merged message of an unknown type', [{ type: 'TIMMagicElem', payload: {} }], /messageList\[0\]\.type/],
  ['a merged message that failed', [{ type: 'TIMTextElem', status: 'fail', payload: { text: 'x' } }], /status/],
  [
    'a merged image with a size that is text',
    [{ type: 'TIMImageElem', payload: { imageInfoArray: [{ size: 'big' }] } }],
    /imageInfoArray/,
  ],
])('%s → 2450 naming the field', async (_name, messageList, message) => {
  const alice = await login('alice');
  const answer = await alice.request('send', mergerDraft({ compatibleText: 'm', messageList }));
  expect(answer).toMatchObject({ code: 2450, msg: expect.stringMatching(message) });
});

test('downloadMergerMessage on a merger over the layer limit → 2450', async () => {
  const alice = await login('alice');
  const bob = await readyChat(server, 'bob');
  const received = nextEvent(bob, TencentCloudChat.EVENT.MESSAGE_RECEIVED);
  expect(await alice.request('send', mergerDraft(nestedMerger(MAX_MERGER_LAYERS + 1)))).toMatchObject({ code: 0 });
  const [message] = (await received) as Array<ReturnType<typeof bob.createTextMessage>>;
  expect(message.payload.layersOverLimit).toBe(true);
  expect(await rejectionOf(bob.downloadMergerMessage(message))).toMatchObject({ code: 2450, message: /100 layers/ });
});
