import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import TencentCloudChat from 'tidings';
import { tempFolder } from '../helpers/files';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, readyChat, rejectionOf, sendText, type Chat } from '../helpers/sdk';

/** translateText and convertVoiceToText through the operator's services (a local HTTP server here), and without them. */
const { TYPES } = TencentCloudChat;
type Message = Awaited<ReturnType<Chat['sendMessage']>>['data']['message'];
const files = tempFolder();
const voice = Buffer.from(Array.from({ length: 20_000 }, (_, i) => i % 251));

afterAll(() => files.cleanup());

async function sendVoice(from: Chat, to: string): Promise<Message> {
  const file = {
    tempFilePath: files.write(`voice-${Math.random()}.aac`, voice),
    duration: 3000,
    fileSize: voice.length,
  };
  const message = from.createAudioMessage({ to, conversationType: TYPES.CONV_C2C, payload: { file } });
  return (await from.sendMessage(message)).data.message;
}

describe('with no service configured (the defaults)', () => {
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

  test('translateText and convertVoiceToText answer 60020, naming the setting to set', async () => {
    expect(await rejectionOf(alice.translateText({ sourceTextList: ['hi'], source: 'auto', target: 'zh' }))).toEqual(
      expect.objectContaining({ code: 60020, message: expect.stringMatching(/translateWebhookURL/) as unknown }),
    );
    await sendVoice(alice, 'bob');
    const [received] = (await bob.getMessageList({ conversationID: 'C2Calice' })).data.messageList.slice(-1);
    expect(await rejectionOf(bob.convertVoiceToText({ message: received, language: 'zh' }))).toEqual(
      expect.objectContaining({ code: 60020, message: expect.stringMatching(/speechToTextWebhookURL/) as unknown }),
    );
  });
});

describe("with the operator's translation and speech services", () => {
  let server: ServerProcess;
  let service: Server;
  let alice: Chat, bob: Chat, mallory: Chat;
  const calls: Array<{ path: string; body: Record<string, unknown> }> = [];
  let failNext = false;

  beforeAll(async () => {
    service = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const parsed = JSON.parse(body) as Record<string, unknown>;
        calls.push({ path: request.url ?? '', body: parsed });
        if (failNext) {
          failNext = false;
          return void response.writeHead(500).end();
        }
        const answer =
          request.url === '/translate'
            ? {
                translatedTextList: (parsed.sourceTextList as string[]).map(
                  (text) => `[${String(parsed.target)}] ${text}`,
                ),
              }
            : { result: `heard ${(parsed.audio as { size: number }).size} bytes` };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    const { port } = service.address() as AddressInfo;
    server = await ServerProcess.start({
      settings: {
        translateWebhookURL: `http://127.0.0.1:${port}/translate`,
        speechToTextWebhookURL: `http://127.0.0.1:${port}/speech`,
      },
    });
    [alice, bob, mallory] = await Promise.all(['alice', 'bob', 'mallory'].map((id) => readyChat(server, id)));
  });

  afterAll(async () => {
    await destroyAll();
    await server.close();
    await new Promise((resolve) => service.close(resolve));
  });

  test('translateText hands the texts to the service and answers its translations, in order', async () => {
    const { data } = await alice.translateText({ sourceTextList: ['hello', '你好'], source: 'auto', target: 'en' });
    expect(data).toEqual({ translatedTextList: ['[en] hello', '[en] 你好'] });
    expect(calls.at(-1)).toEqual({
      path: '/translate',
      body: {
        app: expect.any(Number) as unknown,
        userID: 'alice',
        sourceTextList: ['hello', '你好'],
        source: 'auto',
        target: 'en',
      },
    });
  });

  test('convertVoiceToText hands the audio, whole, to the service and answers its text', async () => {
    await sendVoice(alice, 'bob');
    const [received] = (await bob.getMessageList({ conversationID: 'C2Calice' })).data.messageList.slice(-1);
    const { data } = await bob.convertVoiceToText({ message: received, language: 'en' });
    expect(data).toEqual({ result: `heard ${voice.length} bytes` });
    const { body } = calls.at(-1)!;
    expect(body).toMatchObject({ userID: 'bob', language: 'en', audio: { size: voice.length, second: 3 } });
    expect(Buffer.from((body.audio as { base64: string }).base64, 'base64')).toEqual(voice);
  });

  test('refusals: a service that fails (90500), bad arguments (90003), a message not yours (90008) or not audio (90003)', async () => {
    failNext = true;
    expect(await rejectionOf(alice.translateText({ sourceTextList: ['hi'], source: 'auto', target: 'en' }))).toEqual(
      expect.objectContaining({ code: 90500, message: expect.stringMatching(/translation service failed/) as unknown }),
    );
    for (const bad of [
      { sourceTextList: [], source: 'auto', target: 'en' },
      { sourceTextList: ['hi'], source: 'auto' },
      { sourceTextList: ['x'.repeat(5001)], source: 'auto', target: 'en' },
      { sourceTextList: Array.from({ length: 21 }, () => 'hi'), source: 'auto', target: 'en' },
    ])
      expect(await rejectionOf(alice.translateText(bad as never))).toMatchObject({ code: 90003 });

    const sent = await sendVoice(alice, 'bob');
    // Named in mallory's own chat with bob: not there.
    const forged = Object.assign(Object.create(Object.getPrototypeOf(sent) as object) as Message, sent, {
      conversationID: 'C2Cbob',
    });
    expect(await rejectionOf(mallory.convertVoiceToText({ message: forged }))).toMatchObject({ code: 90008 });
    const text = (await sendText(alice, 'bob', 'not a voice')).data.message;
    expect(await rejectionOf(alice.convertVoiceToText({ message: text }))).toMatchObject({
      code: 90003,
      message: expect.stringMatching(/audio messages/) as unknown,
    });
    expect(await rejectionOf(alice.convertVoiceToText({ message: sent, language: 7 as never }))).toMatchObject({
      code: 90003,
    });
    expect(await rejectionOf(alice.convertVoiceToText({} as never))).toMatchObject({ code: 90003 });
  });
});
