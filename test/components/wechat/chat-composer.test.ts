/**
 * @jest-environment ./test/helpers/jsdom-environment.js
 */
import { randomBytes } from 'node:crypto';
import TencentCloudChat from 'tidings';
import { createWxPlatform } from '../../../adapters/wx';
import { FACES, RECORDER_OPTIONS, TEXT } from '../../../components/shared/spec';
import { makeImage, tempFolder } from '../../helpers/files';
import { destroyAll, inbox, readyChat, until } from '../../helpers/sdk';
import { ServerProcess, TEST_SDKAPPID } from '../../helpers/server-process';
import { attr, collect, mount, provideChat, simulate, text, type SimComponent } from './load';
import { simulateWxUI, type SimulatedWxUI } from './simulated-wx-ui';

/**
 * The composer on the SDK's wx platform over a simulated `wx` (real sockets and files, pickers
 * answering with the documented shapes), sending through the real server to a Node peer.
 */
const globals = globalThis as Record<string, unknown>;
let server: ServerProcess;
const folder = tempFolder();
let ui: SimulatedWxUI;
const chats: Array<{ destroy(): Promise<unknown> }> = [];

beforeAll(async () => {
  server = await ServerProcess.start();
});
afterAll(async () => {
  await server.close();
  folder.cleanup();
});
beforeEach(() => {
  ui = simulateWxUI();
  globals.wx = ui.api;
});
afterEach(async () => {
  await Promise.all(chats.splice(0).map((chat) => chat.destroy()));
  await destroyAll();
  delete globals.wx;
});

async function setup(
  user: string,
  peerID: string,
  conversationID = `C2C${peerID}`,
  extra: Record<string, unknown> = {},
) {
  const chat = TencentCloudChat.create({
    SDKAppID: TEST_SDKAPPID,
    serverURL: server.url,
    platform: createWxPlatform(),
  });
  chats.push(chat);
  await chat.login({ userID: user, userSig: server.userSig(user) });
  const peer = await readyChat(server, peerID);
  const received = inbox(peer) as unknown as Array<{
    type: string;
    payload: Record<string, any>;
    atUserList: string[];
  }>;
  const composer = mount('chat-composer', { chat: provideChat(chat), conversationID, ...extra });
  return {
    chat,
    peer,
    received,
    composer,
    sent: collect(composer, 'send'),
    failed: collect(composer, 'send-fail'),
    files: collect(composer, 'file-change'),
    progress: collect(composer, 'progress'),
  };
}

async function tap(component: SimComponent, selector: string) {
  const target = component.querySelector(selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.dispatchEvent('tap');
  await simulate.sleep(0);
}

async function action(composer: SimComponent, name: string) {
  await tap(composer, '.td-composer__more-toggle');
  await tap(composer, `.td-composer__action--${name}`);
}

test('text: typed and sent as a text message', async () => {
  const { composer, received, sent } = await setup('c-text', 'c-text-peer');
  composer
    .querySelector('.td-composer__input')!
    .dispatchEvent('input', { detail: { value: 'hello from the composer' } });
  await simulate.sleep(0);
  await tap(composer, '.td-composer__send');
  await until(() => received.length === 1 && sent.length === 1);
  expect(received[0]).toMatchObject({ type: 'TIMTextElem', payload: { text: 'hello from the composer' } });
  expect(sent[0].message.status).toBe('success');
  expect(composer.data.text).toBe('');
});

test("image: chooseMedia's result becomes an image message, with progress, that the peer gets in full size", async () => {
  const { composer, received, sent, files, progress } = await setup('c-image', 'c-image-peer');
  const bytes = await makeImage(320, 240);
  const tempFilePath = ui.tempFile(folder.write('photo.png', bytes), 'png');
  const result = {
    type: 'image',
    tempFiles: [
      {
        tempFilePath,
        size: bytes.length,
        duration: 0,
        height: 240,
        width: 320,
        thumbTempFilePath: '',
        fileType: 'image',
      },
    ],
  };
  ui.queue('chooseMedia', result);
  await action(composer, 'image');
  await until(() => received.length === 1 && sent.length === 1);
  expect(ui.calls.find((c) => c.api === 'chooseMedia')!.options).toMatchObject({ count: 1, mediaType: ['image'] });
  expect(files).toEqual([{ kind: 'image', file: result }]);
  expect(received[0].type).toBe('TIMImageElem');
  expect(received[0].payload.imageInfoArray[0]).toMatchObject({ width: 320, height: 240, size: bytes.length });
  expect(progress.at(-1)).toMatchObject({ progress: 1, message: { ID: sent[0].message.ID } });
});

test("image without chooseMedia (older base library): chooseImage's result is sent", async () => {
  delete ui.api.chooseMedia;
  const { composer, received } = await setup('c-old', 'c-old-peer');
  const bytes = await makeImage(64, 48, 'jpeg');
  const path = ui.tempFile(folder.write('old.jpg', bytes), 'jpg');
  ui.queue('chooseImage', { tempFilePaths: [path], tempFiles: [{ path, size: bytes.length }] });
  await action(composer, 'image');
  await until(() => received.length === 1);
  expect(received[0].payload.imageInfoArray[0]).toMatchObject({ width: 64, height: 48 });
});

test("video: chooseMedia's video, with its thumbnail, becomes a video message", async () => {
  const { composer, received } = await setup('c-video', 'c-video-peer');
  const video = randomBytes(50_000);
  const thumb = await makeImage(160, 90, 'jpeg');
  const tempFilePath = ui.tempFile(folder.write('clip.mp4', video), 'mp4');
  const thumbTempFilePath = ui.tempFile(folder.write('clip-thumb.jpg', thumb), 'jpg');
  ui.queue('chooseMedia', {
    type: 'video',
    tempFiles: [
      { tempFilePath, size: video.length, duration: 4.2, height: 90, width: 160, thumbTempFilePath, fileType: 'video' },
    ],
  });
  await action(composer, 'video');
  await until(() => received.length === 1);
  expect(ui.calls.find((c) => c.api === 'chooseMedia')!.options).toMatchObject({ mediaType: ['video'] });
  expect(received[0]).toMatchObject({
    type: 'TIMVideoFileElem',
    payload: { videoSecond: 4, videoSize: video.length, thumbWidth: 160, thumbHeight: 90 },
  });
  expect(received[0].payload.videoUrl).toMatch(/^http/);
});

test("file: chooseMessageFile's result becomes a file message with its name and size", async () => {
  const { composer, received } = await setup('c-file', 'c-file-peer');
  const bytes = randomBytes(3000);
  const path = ui.tempFile(folder.write('report.pdf', bytes), 'pdf');
  ui.queue('chooseMessageFile', {
    tempFiles: [{ path, size: bytes.length, name: 'report.pdf', type: 'file', time: 1764000000 }],
  });
  await action(composer, 'file');
  await until(() => received.length === 1);
  expect(received[0]).toMatchObject({ type: 'TIMFileElem', payload: { fileName: 'report.pdf', fileSize: 3000 } });
});

test("location: chooseLocation's place becomes a location message", async () => {
  const { composer, received } = await setup('c-loc', 'c-loc-peer');
  ui.queue('chooseLocation', { name: 'Tencent Building', address: 'Shenzhen', latitude: 22.54, longitude: 113.93 });
  await action(composer, 'location');
  await until(() => received.length === 1);
  expect(received[0]).toMatchObject({
    type: 'TIMLocationElem',
    payload: { description: 'Tencent Building', latitude: 22.54, longitude: 113.93 },
  });
});

test('face: a face from the panel is sent as a face message with its index and emoji', async () => {
  const { composer, received } = await setup('c-face', 'c-face-peer');
  await tap(composer, '.td-composer__face-toggle');
  composer.querySelectorAll('.td-composer__face')[2].dispatchEvent('tap');
  await until(() => received.length === 1);
  expect(received[0]).toMatchObject({ type: 'TIMFaceElem', payload: { index: 2, data: FACES[2] } });
});

test("voice: hold to talk records aac with the spec's options and sends it; sliding up cancels; a short press is not sent", async () => {
  const { composer, received, failed } = await setup('c-voice', 'c-voice-peer');
  await tap(composer, '.td-composer__voice-toggle');
  const talk = () => composer.querySelector('.td-composer__talk')!;

  ui.nextRecording(folder.write('voice.aac', randomBytes(8000)), 3200);
  talk().dispatchEvent('touchstart', { touches: [{ x: 100, y: 500 }] });
  await simulate.sleep(0);
  expect(text(talk())).toBe(TEXT.zh.releaseToSend);
  talk().dispatchEvent('touchend');
  await until(() => received.length === 1);
  expect(ui.calls.find((c) => c.api === 'recorder.start')!.options).toEqual(RECORDER_OPTIONS);
  expect(received[0]).toMatchObject({ type: 'TIMSoundElem', payload: { second: 3, size: 8000 } });

  ui.nextRecording(folder.write('cancelled.aac', randomBytes(8000)), 3000);
  talk().dispatchEvent('touchstart', { touches: [{ x: 100, y: 500 }] });
  await simulate.sleep(0);
  talk().dispatchEvent('touchmove', { touches: [{ x: 100, y: 380 }] });
  await simulate.sleep(0);
  expect(text(talk())).toBe(TEXT.zh.releaseToCancel);
  talk().dispatchEvent('touchend');
  await simulate.sleep(0);

  ui.nextRecording(folder.write('short.aac', randomBytes(800)), 400);
  talk().dispatchEvent('touchstart', { touches: [{ x: 100, y: 500 }] });
  await simulate.sleep(0);
  talk().dispatchEvent('touchend');
  await until(() => composer.data.tip === TEXT.zh.tooShort);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(received).toHaveLength(1);
  expect(failed).toEqual([]);
});

test('@ in a group: typing @ opens the member picker, and the pick is sent with createTextAtMessage', async () => {
  const chat = TencentCloudChat.create({
    SDKAppID: TEST_SDKAPPID,
    serverURL: server.url,
    platform: createWxPlatform(),
  });
  chats.push(chat);
  await chat.login({ userID: 'c-owner', userSig: server.userSig('c-owner') });
  const member = await readyChat(server, 'c-member');
  const received = inbox(member) as unknown as Array<{ payload: Record<string, any>; atUserList: string[] }>;
  await chat.createGroup({ name: 'team', groupID: 'c-team', memberList: [{ userID: 'c-member' }] });
  const composer = mount('chat-composer', {
    chat: provideChat(chat),
    conversationID: 'GROUPc-team',
    members: [{ userID: 'c-member', nick: 'Mia' }],
  });
  composer.querySelector('.td-composer__input')!.dispatchEvent('input', { detail: { value: 'hi @' } });
  await simulate.sleep(0);
  expect(text(composer.querySelector('.td-composer__member'))).toBe('Mia');
  await tap(composer, '.td-composer__member');
  expect(composer.data.text).toBe('hi @Mia ');
  await tap(composer, '.td-composer__send');
  await until(() => received.length === 1);
  expect(received[0]).toMatchObject({
    payload: { text: 'hi @Mia ', atUserList: ['c-member'] },
    atUserList: ['c-member'],
  });
});

test('a cancelled picker sends nothing and reports no failure; actions the base library lacks are hidden', async () => {
  const { composer, failed, sent } = await setup('c-cancel', 'c-cancel-peer');
  await action(composer, 'file');
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(ui.calls.map((c) => c.api)).toEqual(['chooseMessageFile']);
  expect([failed, sent]).toEqual([[], []]);

  delete ui.api.chooseMessageFile;
  delete ui.api.getRecorderManager;
  const older = mount('chat-composer', { chat: {}, conversationID: 'C2Cx', actions: ['file', 'voice', 'location'] });
  expect(older.data.shown).toEqual(['location']);
});

describe('locale', () => {
  async function labels(composer: SimComponent) {
    const placeholder = attr(composer.querySelector('.td-composer__input'), 'placeholder');
    composer.querySelector('.td-composer__input')!.dispatchEvent('input', { detail: { value: 'x' } });
    await simulate.sleep(0);
    const send = text(composer.querySelector('.td-composer__send'));
    composer.querySelector('.td-composer__input')!.dispatchEvent('input', { detail: { value: '' } });
    await simulate.sleep(0);
    await tap(composer, '.td-composer__more-toggle');
    const actions = composer.querySelectorAll('.td-composer__action').map(text);
    await tap(composer, '.td-composer__voice-toggle');
    return { placeholder, send, actions, talk: text(composer.querySelector('.td-composer__talk')) };
  }

  test("'en' shows the placeholder, send, picker labels and hold-to-talk in English; the default is 'zh'", async () => {
    expect(await labels(mount('chat-composer', { chat: {}, conversationID: 'C2Cx', locale: 'en' }))).toEqual({
      placeholder: 'Type a message',
      send: 'Send',
      actions: ['Photo', 'Video', 'File', 'Location'],
      talk: 'Hold to talk',
    });
    const zh = TEXT.zh;
    expect(await labels(mount('chat-composer', { chat: {}, conversationID: 'C2Cx' }))).toEqual({
      placeholder: zh.placeholder,
      send: zh.send,
      actions: [zh.image, zh.video, zh.file, zh.location],
      talk: zh.holdToTalk,
    });
    // A placeholder given by the page wins over the built-in one, in any locale.
    expect(
      attr(
        mount('chat-composer', { chat: {}, conversationID: 'C2Cx', locale: 'en', placeholder: 'Say hi' }).querySelector(
          '.td-composer__input',
        ),
        'placeholder',
      ),
    ).toBe('Say hi');
  });

  test("'en' voice tips: release to send, and too short", async () => {
    const { composer, received } = await setup('c-voice-en', 'c-voice-en-peer', undefined, { locale: 'en' });
    await tap(composer, '.td-composer__voice-toggle');
    const talk = () => composer.querySelector('.td-composer__talk')!;
    ui.nextRecording(folder.write('short-en.aac', randomBytes(800)), 400);
    talk().dispatchEvent('touchstart', { touches: [{ x: 100, y: 500 }] });
    await simulate.sleep(0);
    expect(text(talk())).toBe('Release to send');
    talk().dispatchEvent('touchend');
    await until(() => composer.data.tip === 'Too short');
    expect(received).toHaveLength(0);
  });

  test("an unknown locale falls back to 'zh' with a console warning naming the valid ones", async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const composer = mount('chat-composer', { chat: {}, conversationID: 'C2Cx', locale: 'EN' });
      expect((await labels(composer)).send).toBe(TEXT.zh.send);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/chat-composer: unknown locale "EN"; use one of 'zh', 'en'/);
    } finally {
      warn.mockRestore();
    }
  });
});
