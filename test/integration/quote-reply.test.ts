import TencentCloudChat from 'tidings';
import {
  buildQuoteReply,
  elemTypeCode,
  messageTypeOfCode,
  parseQuoteReply,
  quoteReplyCloudCustomData,
} from '../../components/shared/quote-reply';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, readyChat, sendText, type Chat } from '../helpers/sdk';

/** Quote replies in TUIKit's `cloudCustomData.messageReply` format, built and read by components/shared/quote-reply.ts. */
const { TYPES } = TencentCloudChat;
let server: ServerProcess;
let alice: Chat, bob: Chat;

beforeAll(async () => {
  server = await ServerProcess.start();
  [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => readyChat(server, id)));
});

afterAll(async () => {
  await destroyAll();
  await server.close();
});

test('a reply made with quoteReplyCloudCustomData goes through the server and reads back as the same quote', async () => {
  const quoted = (await sendText(alice, 'bob', 'lunch at noon?')).data.message;
  const [received] = (await bob.getMessageList({ conversationID: 'C2Calice' })).data.messageList.slice(-1);
  const reply = bob.createTextMessage({
    to: 'alice',
    conversationType: TYPES.CONV_C2C,
    payload: { text: 'yes!' },
    cloudCustomData: quoteReplyCloudCustomData(received, JSON.stringify({ appField: 7 })),
  });
  await bob.sendMessage(reply);
  const [got] = (await alice.getMessageList({ conversationID: 'C2Cbob' })).data.messageList.slice(-1);
  expect(JSON.parse(got.cloudCustomData)).toMatchObject({ appField: 7, messageReply: { messageID: quoted.ID } });
  expect(parseQuoteReply(got.cloudCustomData)).toEqual({
    messageAbstract: 'lunch at noon?',
    messageSender: 'alice',
    messageType: 1,
    messageID: quoted.ID,
    messageTime: quoted.time,
    messageSequence: quoted.sequence,
    version: 1,
  });
});

test('a quote of a non-text message carries its bracketed summary and element type number', () => {
  const image = { ID: 'm1', from: 'alice', nick: 'Alice', type: TYPES.MSG_IMAGE, payload: {} };
  expect(buildQuoteReply(image)).toEqual({
    messageAbstract: '[图片]',
    messageSender: 'Alice',
    messageType: 3,
    messageID: 'm1',
    version: 1,
  });
  expect(buildQuoteReply(image, 'en').messageAbstract).toBe('[Photo]');
  expect([elemTypeCode(TYPES.MSG_MERGER), messageTypeOfCode(4), elemTypeCode('nope'), messageTypeOfCode(99)]).toEqual([
    10,
    TYPES.MSG_AUDIO,
    0,
    '',
  ]);
});

test('parseQuoteReply reads what TUIKit writes (a type string too) and answers null for anything else', () => {
  const tuikit = JSON.stringify({
    messageReply: {
      messageAbstract: 'hi',
      messageSender: 'bob',
      messageType: 'TIMTextElem',
      messageID: 'x',
      version: 1,
      messageRootID: 'root',
    },
  });
  expect(parseQuoteReply(tuikit)).toEqual({
    messageAbstract: 'hi',
    messageSender: 'bob',
    messageType: 1,
    messageID: 'x',
    version: 1,
    messageRootID: 'root',
  });
  for (const data of [
    '',
    'not json',
    '[]',
    '{}',
    '{"messageReply":"x"}',
    '{"messageReply":{"messageID":""}}',
    undefined,
  ])
    expect(parseQuoteReply(data)).toBeNull();
  expect(JSON.parse(quoteReplyCloudCustomData({ ID: 'm', from: 'a', type: TYPES.MSG_TEXT }, 'not json'))).toEqual({
    messageReply: { messageAbstract: '', messageSender: 'a', messageType: 1, messageID: 'm', version: 1 },
  });
});
