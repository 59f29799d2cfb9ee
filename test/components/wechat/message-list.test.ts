/**
 * @jest-environment ./test/helpers/jsdom-environment.js
 */
import { destroyAll, readyChat, sendText, until } from '../../helpers/sdk';
import { ServerProcess } from '../../helpers/server-process';
import { TEXT } from '../../../components/shared/spec';
import { ariaLabels, collect, mount, provideChat, simulate, text, type SimComponent } from './load';
import { simulateWxUI } from './simulated-wx-ui';

/** message-list on a Node SDK chat against the real server: history pages, live appends, sends from a composer, resend. */
const globals = globalThis as Record<string, unknown>;
let server: ServerProcess;
beforeAll(async () => {
  server = await ServerProcess.start();
});
afterAll(async () => {
  await destroyAll();
  await server.close();
});
beforeEach(() => (globals.wx = simulateWxUI().api));
afterEach(() => delete globals.wx);

const texts = (list: SimComponent) =>
  list.querySelectorAll('.td-list__bubble').map((bubble) => text(bubble.querySelector('.td-bubble__text')));
/** Pages are kept newest-first and shown reversed: this is the on-screen order. */
const shown = (list: SimComponent) =>
  (list.data.pages as Array<Array<{ message: { payload: { text: string } } }>>)
    .slice()
    .reverse()
    .flat()
    .map((item) => item.message.payload.text);

test('loads the newest page, pages older history on scroll to the top until complete, and marks the conversation read', async () => {
  const reader = await readyChat(server, 'l-reader');
  const writer = await readyChat(server, 'l-writer');
  for (let i = 1; i <= 20; i++) await sendText(writer, 'l-reader', `m${i}`);
  await until(() => reader.getTotalUnreadMessageCount() === 20);

  const list = mount('message-list', { chat: provideChat(reader), conversationID: 'C2Cl-writer' });
  const pages = collect(list, 'history-loaded');
  await until(() => pages.length === 1);
  expect(pages[0]).toEqual({ count: 15, isCompleted: false });
  expect(shown(list)).toEqual(Array.from({ length: 15 }, (_, i) => `m${i + 6}`));
  expect(list.data.anchor).toBe(list.data.pages[0][14].id);
  await until(() => reader.getTotalUnreadMessageCount() === 0);

  list.querySelector('.td-list__scroll')!.dispatchEvent('scrolltoupper');
  await until(() => pages.length === 2);
  expect(pages[1]).toEqual({ count: 5, isCompleted: true });
  expect(shown(list)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 1}`));
  expect(texts(list)).toHaveLength(20);
  // The row that was on top stays in view.
  expect(list.data.anchor).toBe(list.data.pages[0][0].id);
  expect(text(list.querySelector('.td-list__more'))).toBe('没有更多了');
  // The first message of a page carries a time separator; the next minutes do not.
  expect(list.querySelectorAll('.td-list__time')).toHaveLength(2);
});

test("appends received messages and the composer's sends (sending, then sent); a failed send is resent from its bubble", async () => {
  const me = await readyChat(server, 'l-me');
  const friend = await readyChat(server, 'l-friend');
  const list = mount('message-list', { chat: provideChat(me), conversationID: 'C2Cl-friend' });
  const pages = collect(list, 'history-loaded');
  await until(() => pages.length === 1);
  expect(pages[0]).toEqual({ count: 0, isCompleted: true });

  await sendText(friend, 'l-me', 'hello from friend');
  await until(() => shown(list).length === 1);
  expect(texts(list)).toEqual(['hello from friend']);

  const composer = mount('chat-composer', { chat: provideChat(me), conversationID: 'C2Cl-friend' });
  composer.querySelector('.td-composer__input')!.dispatchEvent('input', { detail: { value: 'reply' } });
  await simulate.sleep(0);
  composer.querySelector('.td-composer__send')!.dispatchEvent('tap');
  await until(() => list.data.pages[0][1]?.message.status === 'success');
  expect(shown(list)).toEqual(['hello from friend', 'reply']);

  // The friend blocks me: my next send fails (20007) and shows a resend action, which resends that same message.
  await friend.addToBlacklist({ userIDList: ['l-me'] });
  composer.querySelector('.td-composer__input')!.dispatchEvent('input', { detail: { value: 'are you there' } });
  await simulate.sleep(0);
  composer.querySelector('.td-composer__send')!.dispatchEvent('tap');
  await until(() => list.data.pages[0][2]?.message.status === 'fail');
  const bubble = list.querySelectorAll('.td-list__bubble')[2];
  expect(bubble.querySelector('.td-bubble__resend')).toBeDefined();

  const taps = collect(list, 'message-tap');
  const resent: unknown[] = [];
  const resend = me.resendMessage.bind(me);
  me.resendMessage = (message) => (resent.push(message), resend(message));
  bubble.querySelector('.td-bubble__resend')!.dispatchEvent('tap');
  await until(() => taps.length === 1 && resent.length === 1);
  expect(taps[0]).toMatchObject({ action: 'resend', message: { payload: { text: 'are you there' } } });
  // The live message (the SDK refuses copies), not the bubble's copy.
  expect(resent[0]).toBe(taps[0].message);
  expect((resent[0] as { ID: string }).ID).toBe(list.data.pages[0][2].message.ID);
  await until(() => list.data.pages[0][2].message.status === 'fail');
});

test("locale 'en': the list says \"No more messages\" and its bubbles show English (failed with resend); an unknown locale falls back to 'zh', warned once by the list", async () => {
  const me = await readyChat(server, 'l-en');
  const friend = await readyChat(server, 'l-en-friend');
  await sendText(friend, 'l-en', 'hello');
  const list = mount('message-list', { chat: provideChat(me), conversationID: 'C2Cl-en-friend', locale: 'en' });
  const pages = collect(list, 'history-loaded');
  await until(() => pages.length === 1);
  expect(text(list.querySelector('.td-list__more'))).toBe('No more messages');

  await friend.addToBlacklist({ userIDList: ['l-en'] });
  const composer = mount('chat-composer', { chat: provideChat(me), conversationID: 'C2Cl-en-friend', locale: 'en' });
  composer.querySelector('.td-composer__input')!.dispatchEvent('input', { detail: { value: 'blocked' } });
  await simulate.sleep(0);
  composer.querySelector('.td-composer__send')!.dispatchEvent('tap');
  await until(() => list.data.pages[0][1]?.message.status === 'fail');
  expect(ariaLabels(list.querySelectorAll('.td-list__bubble')[1].toJSON())).toContain(
    `${TEXT.en.failed}, ${TEXT.en.resend}`,
  );

  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const fallback = mount('message-list', {
      chat: provideChat(me),
      conversationID: 'C2Cl-en-friend',
      locale: 'english',
    });
    const loaded = collect(fallback, 'history-loaded');
    await until(() => loaded.length === 1);
    // The failed send is still this chat's: getMessageList ends with it (status fail).
    expect(texts(fallback)).toEqual(['hello', 'blocked']);
    expect(text(fallback.querySelector('.td-list__more'))).toBe(TEXT.zh.noMore);
    // The bubbles get the checked locale: the one warning is the list's.
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/message-list: unknown locale "english"; use one of 'zh', 'en'/);
  } finally {
    warn.mockRestore();
  }
});
