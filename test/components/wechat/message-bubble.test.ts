/**
 * @jest-environment ./test/helpers/jsdom-environment.js
 */
import { TEXT } from '../../../components/shared/spec';
import { ariaLabels, attr, collect, mount, simulate, text } from './load';
import { simulateWxUI, type SimulatedWxUI } from './simulated-wx-ui';

/** Messages in the shape the SDK gives them (reference/compat.md, "Received payloads"). */
function message(type: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    ID: `id-${type}`,
    type,
    payload,
    conversationID: 'GROUPg1',
    conversationType: 'GROUP',
    to: 'g1',
    from: 'bob',
    flow: 'in',
    time: 1764000000,
    status: 'success',
    isRevoked: false,
    nick: 'Bob',
    avatar: '',
    atUserList: [],
    ...extra,
  };
}

const globals = globalThis as Record<string, unknown>;
let ui: SimulatedWxUI;
beforeEach(() => {
  ui = simulateWxUI();
  globals.wx = ui.api;
});
afterEach(() => delete globals.wx);

test('text: @ mentions of me are highlighted apart from other @s, and links are marked', () => {
  const bubble = mount('message-bubble', {
    selfUserID: 'alice',
    message: message('TIMTextElem', {
      text: 'hi @alice and @carol see https://example.com/x ok',
      atUserList: ['alice', 'carol'],
    }),
  });
  expect(text(bubble.querySelector('.td-bubble__text'))).toBe('hi @alice and @carol see https://example.com/x ok');
  expect(text(bubble.querySelector('.td-bubble__segment--at-me'))).toBe('@alice');
  expect(text(bubble.querySelector('.td-bubble__segment--at'))).toBe('@carol');
  expect(text(bubble.querySelector('.td-bubble__segment--link'))).toBe('https://example.com/x');
  expect(bubble.dom.innerHTML).toContain('td-bubble--in');
});

test('image: shows the thumbnail and previews the original on tap', async () => {
  const payload = {
    uuid: 'u',
    imageFormat: 3,
    imageInfoArray: [
      { type: 0, url: 'https://s/o.png', width: 320, height: 240, size: 9 },
      { type: 1, url: 'https://s/l.png', width: 320, height: 240, size: 9 },
      { type: 2, url: 'https://s/t.png', width: 198, height: 148, size: 9 },
    ],
  };
  const bubble = mount('message-bubble', { message: message('TIMImageElem', payload) });
  expect(attr(bubble.querySelector('.td-bubble__image-img'), 'src')).toBe('https://s/t.png');
  const previews = collect(bubble, 'image-preview');
  bubble.querySelector('.td-bubble__image')!.dispatchEvent('tap');
  await simulate.sleep(0);
  expect(previews[0]).toMatchObject({ url: 'https://s/o.png', message: { ID: 'id-TIMImageElem' } });
  expect(ui.calls).toContainEqual({
    api: 'previewImage',
    options: { current: 'https://s/o.png', urls: ['https://s/o.png'] },
  });
});

test('audio: shows the duration, and a tap plays, a second tap pauses', async () => {
  const bubble = mount('message-bubble', {
    message: message('TIMSoundElem', { uuid: 'u', url: 'https://s/v.aac', second: 7, size: 100, downloadFlag: 2 }),
  });
  expect(text(bubble.querySelector('.td-bubble__audio-duration'))).toBe('7"');
  const plays = collect(bubble, 'audio-play');
  bubble.querySelector('.td-bubble__audio')!.dispatchEvent('tap');
  await simulate.sleep(0);
  bubble.querySelector('.td-bubble__audio')!.dispatchEvent('tap');
  await simulate.sleep(0);
  expect(plays.map((p) => [p.url, p.playing])).toEqual([
    ['https://s/v.aac', true],
    ['https://s/v.aac', false],
  ]);
  expect(ui.calls.map((c) => c.api)).toEqual(['audio.play', 'audio.stop']);
});

test('video: shows the poster, and plays in place on tap', async () => {
  const bubble = mount('message-bubble', {
    message: message('TIMVideoFileElem', {
      videoUrl: 'https://s/m.mp4',
      videoSecond: 12,
      thumbUrl: 'https://s/p.jpg',
      videoUUID: 'v',
      videoSize: 1,
      videoFormat: 'mp4',
    }),
  });
  expect(attr(bubble.querySelector('.td-bubble__video-poster'), 'src')).toBe('https://s/p.jpg');
  const plays = collect(bubble, 'video-play');
  bubble.querySelector('.td-bubble__video')!.dispatchEvent('tap');
  await simulate.sleep(0);
  expect(plays[0]).toMatchObject({ url: 'https://s/m.mp4' });
  expect(bubble.querySelector('.td-bubble__video-player')).toBeDefined();
});

test('file: shows name and size, and a tap downloads it to open', async () => {
  const bubble = mount('message-bubble', {
    message: message('TIMFileElem', {
      uuid: 'u',
      fileName: 'report.pdf',
      fileSize: 1536,
      fileUrl: 'https://s/r.pdf',
      downloadFlag: 2,
    }),
  });
  expect(text(bubble.querySelector('.td-bubble__file-name'))).toBe('report.pdf');
  expect(text(bubble.querySelector('.td-bubble__file-size'))).toBe('1.5 KB');
  const opens = collect(bubble, 'file-open');
  bubble.querySelector('.td-bubble__file')!.dispatchEvent('tap');
  await simulate.sleep(0);
  expect(opens[0]).toMatchObject({ url: 'https://s/r.pdf', fileName: 'report.pdf' });
  expect(ui.calls.map((c) => [c.api, c.options.url])).toEqual([['downloadFile', 'https://s/r.pdf']]);
});

test('face, location, custom, merger and group tip show their key content', async () => {
  expect(
    text(
      mount('message-bubble', { message: message('TIMFaceElem', { index: 3, data: '😍' }) }).querySelector(
        '.td-bubble__face',
      ),
    ),
  ).toBe('😍');

  const location = mount('message-bubble', {
    message: message('TIMLocationElem', { description: 'Tencent Building', latitude: 22.54, longitude: 113.93 }),
  });
  expect(text(location.querySelector('.td-bubble__location-description'))).toBe('Tencent Building');
  const opens = collect(location, 'location-open');
  location.querySelector('.td-bubble__location')!.dispatchEvent('tap');
  await simulate.sleep(0);
  expect(opens[0]).toMatchObject({ latitude: 22.54, longitude: 113.93, description: 'Tencent Building' });
  expect(ui.calls).toContainEqual({
    api: 'openLocation',
    options: { latitude: 22.54, longitude: 113.93, name: 'Tencent Building' },
  });

  const custom = mount('message-bubble', {
    message: message('TIMCustomElem', { data: '{"order":1}', description: 'An order', extension: '' }),
  });
  expect(text(custom.querySelector('.td-bubble__custom-description'))).toBe('An order');

  const merger = mount('message-bubble', {
    message: message('TIMRelayElem', {
      title: 'Chat of Bob and Carol',
      abstractList: ['Bob: hi', 'Carol: hello'],
      messageList: [],
      downloadKey: 'k',
      compatibleText: '',
    }),
  });
  expect(text(merger.querySelector('.td-bubble__merger-title'))).toBe('Chat of Bob and Carol');
  expect(merger.querySelectorAll('.td-bubble__merger-abstract').map(text)).toEqual(['Bob: hi', 'Carol: hello']);
  const merges = collect(merger, 'merger-open');
  merger.querySelector('.td-bubble__merger')!.dispatchEvent('tap');
  await simulate.sleep(0);
  expect(merges[0].message.ID).toBe('id-TIMRelayElem');

  const tip = mount('message-bubble', {
    message: message('TIMGroupTipElem', { operationType: 1, operatorID: 'carol', userIDList: ['carol'] }),
  });
  expect(text(tip.querySelector('.td-bubble__notice'))).toBe('carol 加入了群组');
});

test('sending shows upload progress; failed shows a resend action that emits resend; revoked shows the notice', async () => {
  const out = { flow: 'out', from: 'alice', nick: '' };
  const sending = mount('message-bubble', {
    message: message('TIMFileElem', { fileName: 'a.bin', fileSize: 10, fileUrl: '' }, { ...out, status: 'unSend' }),
    progress: 0.42,
  });
  expect(text(sending.querySelector('.td-bubble__progress'))).toBe('42%');
  expect(sending.dom.innerHTML).toContain('td-bubble--out');
  sending.setData({ progress: 1 });
  expect(text(sending.querySelector('.td-bubble__progress'))).toBe('100%');

  const failed = mount('message-bubble', {
    message: message('TIMTextElem', { text: 'hello' }, { ...out, status: 'fail' }),
  });
  expect(ariaLabels(failed.toJSON())).toContain(`${TEXT.zh.failed}, ${TEXT.zh.resend}`);
  const resends = collect(failed, 'resend');
  failed.querySelector('.td-bubble__resend')!.dispatchEvent('tap');
  await simulate.sleep(0);
  expect(resends[0].message.ID).toBe('id-TIMTextElem');
  expect(
    mount('message-bubble', { message: message('TIMTextElem', { text: 'x' }, { ...out }) }).querySelector(
      '.td-bubble__resend',
    ),
  ).toBeUndefined();

  const revoked = mount('message-bubble', { message: message('TIMTextElem', { text: 'secret' }, { isRevoked: true }) });
  expect(text(revoked.querySelector('.td-bubble__notice'))).toBe(`Bob ${TEXT.zh.revoked}`);
  expect(revoked.dom.textContent).not.toContain('secret');
});

test('avatar, nick, long press, and an aria-label on every bubble', async () => {
  const bubble = mount('message-bubble', { message: message('TIMTextElem', { text: 'hello' }), showNick: true });
  expect(text(bubble.querySelector('.td-bubble__nick'))).toBe('Bob');
  expect(text(bubble.querySelector('.td-bubble__avatar'))).toBe('B');
  expect(ariaLabels(bubble.toJSON())).toEqual(expect.arrayContaining(['Bob', 'hello']));
  const presses = collect(bubble, 'message-longpress');
  bubble.querySelector('.td-bubble__content')!.dispatchEvent('longpress');
  await simulate.sleep(0);
  expect(presses[0].message.ID).toBe('id-TIMTextElem');
  expect(
    mount('message-bubble', { message: message('TIMTextElem', { text: 'x' }), showAvatar: false }).querySelector(
      '.td-bubble__avatar',
    ),
  ).toBeUndefined();
});

describe('locale', () => {
  const out = { flow: 'out', from: 'alice', nick: '' };
  const tipMessage = message('TIMGroupTipElem', {
    operationType: 1,
    operatorID: 'carol',
    userIDList: ['carol', 'dave'],
  });

  test("'en' shows the built-in texts in English: revoked, group tip, failed with resend, sending, merger title", () => {
    expect(
      text(
        mount('message-bubble', {
          message: message('TIMTextElem', { text: 'x' }, { isRevoked: true }),
          locale: 'en',
        }).querySelector('.td-bubble__notice'),
      ),
    ).toBe('Bob recalled a message');
    expect(
      text(
        mount('message-bubble', {
          message: message('TIMTextElem', { text: 'x' }, { ...out, isRevoked: true }),
          locale: 'en',
        }).querySelector('.td-bubble__notice'),
      ),
    ).toBe('You recalled a message');
    expect(
      text(mount('message-bubble', { message: tipMessage, locale: 'en' }).querySelector('.td-bubble__notice')),
    ).toBe('carol, dave joined the group');
    const failed = mount('message-bubble', {
      message: message('TIMTextElem', { text: 'x' }, { ...out, status: 'fail' }),
      locale: 'en',
    });
    expect(ariaLabels(failed.toJSON())).toContain('Not sent, Resend');
    const sending = mount('message-bubble', {
      message: message('TIMTextElem', { text: 'x' }, { ...out, status: 'unSend' }),
      locale: 'en',
    });
    expect(ariaLabels(sending.toJSON())).toContain('Sending');
    const merger = mount('message-bubble', {
      message: message('TIMRelayElem', { title: '', abstractList: [], messageList: [] }),
      locale: 'en',
    });
    expect(text(merger.querySelector('.td-bubble__merger-title'))).toBe('Chat history');
  });

  test("defaults to 'zh', and follows a later setData of locale", () => {
    const tip = mount('message-bubble', { message: tipMessage });
    expect(text(tip.querySelector('.td-bubble__notice'))).toBe('carol、dave 加入了群组');
    tip.setData({ locale: 'en' });
    expect(text(tip.querySelector('.td-bubble__notice'))).toBe('carol, dave joined the group');
    const revoked = mount('message-bubble', {
      message: message('TIMTextElem', { text: 'x' }, { ...out, isRevoked: true }),
    });
    expect(text(revoked.querySelector('.td-bubble__notice'))).toBe(`你 ${TEXT.zh.revoked}`);
  });

  test("an unknown locale falls back to 'zh' with a console warning naming the valid ones", () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const failed = mount('message-bubble', {
        message: message('TIMTextElem', { text: 'x' }, { ...out, status: 'fail' }),
        locale: 'fr',
      });
      expect(ariaLabels(failed.toJSON())).toContain(`${TEXT.zh.failed}, ${TEXT.zh.resend}`);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/message-bubble: unknown locale "fr"; use one of 'zh', 'en'/);
    } finally {
      warn.mockRestore();
    }
  });
});
