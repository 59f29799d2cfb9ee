import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import TencentCloudChat from 'tidings';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, readyChat, sendText, until, type Chat } from '../helpers/sdk';

/** The reference's rules on which stored messages the offline push hook gets. */
let server: ServerProcess | undefined;
let receiver: Server;
const posts: Array<{ userID: string; message: { ID: string } }> = [];

beforeEach(async () => {
  posts.length = 0;
  receiver = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      posts.push(JSON.parse(body) as (typeof posts)[number]);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  server = await ServerProcess.start({ settings: { pushWebhookURL: `http://127.0.0.1:${port}/push` } });
});

afterEach(async () => {
  await destroyAll();
  await server?.close();
  server = undefined;
  await new Promise((resolve) => receiver.close(resolve));
});

function sendCustom(chat: Chat, description: string, offlinePushInfo?: { description?: string; title?: string }) {
  const message = chat.createCustomMessage({
    to: 'bob',
    conversationType: TencentCloudChat.TYPES.CONV_C2C,
    payload: { data: 'signal', description, extension: '' },
  });
  return chat.sendMessage(message, offlinePushInfo ? { offlinePushInfo } : undefined);
}

test('a custom message with neither offlinePushInfo.description nor payload.description is stored but not pushed offline', async () => {
  const alice = await readyChat(server!, 'alice');
  const silent = await sendCustom(alice, '');
  const titleOnly = await sendCustom(alice, '', { title: 'a title is not enough' });
  const byPayload = await sendCustom(alice, 'Dice: 4');
  const byPushInfo = await sendCustom(alice, '', { description: 'You have a new signal' });
  // A text message needs no description: its text is what the phone shows.
  const text = await sendText(alice, 'bob', 'plain text');
  await until(() => posts.length === 3);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(posts.map((p) => p.message.ID).sort()).toEqual(
    [byPayload, byPushInfo, text].map((r) => r.data.message.ID).sort(),
  );
  expect(posts.every((p) => p.userID === 'bob')).toBe(true);
  const bob = await readyChat(server!, 'bob');
  const { data } = await bob.getMessageList({ conversationID: 'C2Calice' });
  expect(data.messageList.map((m) => m.ID)).toContain(silent.data.message.ID);
  expect(data.messageList.map((m) => m.ID)).toContain(titleOnly.data.message.ID);
});
