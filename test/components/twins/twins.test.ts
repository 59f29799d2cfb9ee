/**
 * @jest-environment ./test/components/twins/jsdom-with-playwright.js
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { TEXT } from '../../../components/shared/spec';
import { simulateWxUI } from '../wechat/simulated-wx-ui';
import {
  CONVERSATION,
  LONG_SENTENCE,
  TAP_CALLS,
  TAPS,
  twinFixture,
  type FixtureMessage,
  type SeenItem,
} from './fixture';
import { UniTwin } from './uni-twin';
import { renderWechat } from './wechat-twin';

/**
 * The twin contract: the same messages through the WeChat message-list (miniprogram-simulate) and the uni one (its
 * real H5 build in Chromium) show the same texts, separators and states, and raise the same events.
 */
const BUILD_TIMEOUT = 240_000;
const globals = globalThis as Record<string, unknown>;
const messages = twinFixture(Math.floor(Date.now() / 1000));
let uni: UniTwin;

beforeAll(async () => {
  uni = await UniTwin.start();
}, BUILD_TIMEOUT);
afterAll(() => uni?.stop());
beforeEach(() => (globals.wx = simulateWxUI().api));
afterEach(() => delete globals.wx);

const byID = (items: SeenItem[], ID: string) => items[messages.findIndex((message) => message.ID === ID)];

describe.each(['zh', 'en'] as const)("locale '%s'", (locale) => {
  const T = TEXT[locale];
  let wechat: Awaited<ReturnType<typeof renderWechat>>;
  let vue: Awaited<ReturnType<typeof renderWechat>>;

  beforeAll(async () => {
    globals.wx = simulateWxUI().api;
    wechat = await renderWechat(messages, locale);
    vue = await uni.render(messages, locale);
  }, 60_000);

  test('both twins show every row the same: time separators, states, @ and link segments, visible texts', () => {
    expect(wechat.items).toHaveLength(messages.length);
    messages.forEach((message, index) =>
      expect({ ID: message.ID, ...vue.items[index] }).toEqual({ ID: message.ID, ...wechat.items[index] }),
    );
  });

  test('what they show is what the messages say', () => {
    const items = wechat.items;
    // Separators: the first row, ten minutes later, and today (zero-padded month and day).
    expect(items.map((item) => item.time).filter(Boolean)).toEqual([
      expect.stringMatching(/^(\d{4}-)?\d{2}-\d{2} 09:05$/),
      expect.stringMatching(/^(\d{4}-)?\d{2}-\d{2} 09:17$/),
      expect.stringMatching(/^\d{2}:\d{2}$/),
    ]);
    expect(byID(items, 'twin-1')).toMatchObject({
      state: ['in', 'notice', 'success', 'tip'],
      texts: [locale === 'zh' ? 'dave、erin 加入了群组' : 'dave, erin joined the group'],
    });
    expect(byID(items, 'twin-2').segments).toEqual([
      'at-me:@me',
      'text: see ',
      'link:https://example.com/docs?a=1',
      'text: now',
    ]);
    expect(byID(items, 'twin-3').segments).toEqual(['text:hello ', 'at:@bob', 'text: and ', 'at:@me-too']);
    expect(byID(items, 'twin-4').segments).toEqual(['text:no mention of @anyone here']);
    expect(byID(items, 'twin-6').texts).toEqual(['C', 'Carol', '▶', '3"']);
    expect(byID(items, 'twin-8').texts).toEqual(['C', 'Carol', '📄', 'notes.txt', '2.0 KB']);
    expect(byID(items, 'twin-9').texts).toEqual(['C', 'Carol', '😎']);
    expect(byID(items, 'twin-10').texts).toEqual(['C', 'Carol', '📍', 'Shenzhen Bay']);
    expect(byID(items, 'twin-11').texts).toEqual(['C', 'Carol', 'An order card']);
    expect(byID(items, 'twin-12').texts).toEqual([
      'C',
      'Carol',
      'Team chat',
      'a: one',
      'b: two',
      'c: three',
      'd: four',
    ]);
    expect(byID(items, 'twin-13')).toMatchObject({
      state: ['in', 'notice', 'revoked', 'success'],
      texts: [`Carol ${T.revoked}`],
    });
    expect(byID(items, 'twin-15')).toMatchObject({ state: ['out', 'text', 'unSend'], texts: ['M', 'still sending'] });
    expect(byID(items, 'twin-16')).toMatchObject({
      state: ['fail', 'out', 'text'],
      texts: ['M', 'this one did not go out', '!', T.failed],
    });
    expect(byID(items, 'twin-17').texts).toEqual(['M', LONG_SENTENCE]);
  });

  test('profiles, read marks, quotes, reactions and re-edit: what they show is what the messages say', () => {
    const items = wechat.items;
    expect(byID(items, 'twin-14').texts).toEqual([`${T.you} ${T.revoked}`, T.reEdit]);
    expect(byID(items, 'twin-13').texts).toEqual([`Carol ${T.revoked}`]);
    // An avatar replaces the initial; the nick is the name.
    expect(byID(items, 'twin-18').texts).toEqual(['Erin', 'with a face']);
    expect(byID(items, 'twin-19')).toMatchObject({ state: ['out', 'success', 'text'], texts: ['M', 'seen', T.read] });
    expect(byID(items, 'twin-20').texts).toEqual(['M', 'not seen yet', T.unread]);
    expect(byID(items, 'twin-21').texts).toEqual(['C', 'Carol', 'agreed', 'Dave', 'hello @bob and @me-too']);
    expect(byID(items, 'twin-2').texts.slice(-4)).toEqual(['👍', '2', '😂', '1']);
  });

  test('the long-press menu: both raise the same events and make the same chat calls, and show the same after', () => {
    expect(vue.calls).toEqual(wechat.calls);
    expect(wechat.calls).toEqual(TAP_CALLS);
    // The video tapped earlier plays inline, and H5's player shows its own controls: leave that row out.
    const notVideo = (items: SeenItem[]) => items.filter((item) => !item.state.includes('video'));
    expect(notVideo(vue.after)).toEqual(notVideo(wechat.after));
    const after = (ID: string) => wechat.after.find((item) => item.texts.join(' ').includes(ID));
    expect(wechat.after).toHaveLength(messages.length - 1);
    expect(wechat.after.some((item) => item.texts.includes('with a face'))).toBe(false);
    expect(wechat.after.filter((item) => item.state.includes('revoked'))).toHaveLength(3);
    expect(after('hello @bob')).toBeDefined();
    // twin-2: 👍 taken back (2 → 1, not mine); twin-4: 👍 added.
    expect(wechat.after[1].texts.slice(-4)).toEqual(['👍', '1', '😂', '1']);
    expect(wechat.after[3].texts.slice(-2)).toEqual(['👍', '1']);
    const taps = Object.fromEntries(
      wechat.taps
        .filter((tap) => tap.action !== 'message-longpress')
        .slice(6)
        .map((tap, index) => [`${index}:${String(tap.action)}`, tap]),
    );
    expect(taps['0:copy']).toMatchObject({ message: 'twin-4', text: 'no mention of @anyone here' });
    expect(taps['2:react']).toMatchObject({ message: 'twin-2', reactionID: '👍' });
    expect(taps['4:re-edit']).toMatchObject({ message: 'twin-14', text: 'mine, taken back' });
  });

  test('taps raise the same message-tap on both, with the bubble event and its detail', () => {
    expect(vue.taps).toEqual(wechat.taps);
    // A long press (before a menu choice) is a message-tap of its own.
    const chosen = wechat.taps.filter((tap) => tap.action !== 'message-longpress');
    expect(chosen.map((tap) => [tap.action, tap.message])).toEqual(TAPS.map((tap) => [tap.action, tap.ID]));
    expect(wechat.taps.length - chosen.length).toBe(TAPS.filter((tap) => tap.longPress).length);
    expect(wechat.taps[0]).toMatchObject({ url: 'https://img.example.com/original.png' });
    expect(wechat.taps[2]).toMatchObject({ url: 'https://files.example.com/notes.txt', fileName: 'notes.txt' });
  });
});

describe('group tips a real server made (capture-server-tips.ts), after the fixture', () => {
  let withTips: FixtureMessage[];
  beforeAll(() => {
    const script = join(__dirname, 'capture-server-tips.ts');
    const tips = JSON.parse(
      execFileSync('npx', ['tsx', script], { encoding: 'utf8', timeout: 120_000 }),
    ) as FixtureMessage[];
    withTips = [...messages, ...tips.map((tip) => ({ ...tip, conversationID: CONVERSATION, to: 'twins' }))];
  }, 150_000);

  test.each([
    [
      'en',
      [
        'carol joined the group',
        'bob is now an admin',
        'alice renamed the group to “book club”',
        'carol was muted by alice',
        'bob is now the group owner',
        'carol was removed from the group',
      ],
    ],
    [
      'zh',
      [
        'carol 加入了群组',
        'bob 成为管理员',
        'alice 将群名称修改为“book club”',
        'carol 被 alice 禁言',
        'bob 成为新的群主',
        'carol 被移出了群组',
      ],
    ],
  ] as const)(
    "both twins show them the same, in '%s'",
    async (locale, lines) => {
      globals.wx = simulateWxUI().api;
      const wechat = await renderWechat(withTips, locale);
      const vue = await uni.render(withTips, locale);
      const tipItems = (items: SeenItem[]) => items.slice(messages.length);
      expect(tipItems(vue.items)).toEqual(tipItems(wechat.items));
      expect(tipItems(wechat.items).map((item) => item.texts)).toEqual(lines.map((line) => [line]));
    },
    60_000,
  );
});

test('English text wraps between words in a bubble, and a word longer than the bubble is split (uni in Chromium)', async () => {
  const longWord = `https://example.com/${'a'.repeat(120)}`;
  const sentence = messages.find((message) => message.payload.text === LONG_SENTENCE)!;
  const wrapping = [sentence, { ...sentence, ID: 'twin-long-word', payload: { text: longWord } }];
  const page = await uni.open(wrapping, 'en', 360);
  try {
    // For every word of a text, the lines it spans (by the distinct tops of its boxes), and where the bubbles end.
    const measured = await page.evaluate<{
      sentence: Array<[string, number[]]>;
      longWord: Array<[string, number[]]>;
      overflow: boolean;
    }>(`(() => {
      const lines = (text) => {
        const segment = [...document.querySelectorAll('.td-bubble__segment')].find((element) => element.textContent === text);
        const node = document.createTreeWalker(segment, NodeFilter.SHOW_TEXT).nextNode();
        let start = 0;
        return node.textContent.split(' ').map((word) => {
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + word.length);
          start += word.length + 1;
          return [word, [...new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)))]];
        });
      };
      const list = document.querySelector('.td-list').getBoundingClientRect();
      return {
        sentence: lines(${JSON.stringify(LONG_SENTENCE)}),
        longWord: lines(${JSON.stringify(longWord)}),
        overflow: [...document.querySelectorAll('.td-bubble__content')].some((content) => content.getBoundingClientRect().right > list.right + 1),
      };
    })()`);
    expect(new Set(measured.sentence.flatMap(([, tops]) => tops)).size).toBeGreaterThan(2);
    expect(measured.sentence.filter(([, tops]) => tops.length > 1)).toEqual([]);
    expect(measured.longWord[0][1].length).toBeGreaterThan(1);
    expect(measured.overflow).toBe(false);
  } finally {
    await page.context().close();
  }
}, 60_000);
