import { sendFailDetail } from '../../components/shared/errors';
import { bubbleView } from '../../components/shared/bubble-view';
import { itemsOf } from '../../components/shared/list-items';
import type { ChatMessage } from '../../components/shared/message';
import { messageSummary } from '../../components/shared/summary';
import { textSegments } from '../../components/shared/text-segments';
import { formatTime } from '../../components/shared/time';

/** The view logic both twins share (the twin contract test renders it through both; these pin its rules). */
const message = (fields: Partial<ChatMessage>): ChatMessage => ({
  ID: 'm1',
  type: 'TIMTextElem',
  payload: {},
  conversationID: 'C2Cbob',
  conversationType: 'C2C',
  to: 'bob',
  from: 'bob',
  flow: 'in',
  time: 0,
  status: 'success',
  isRevoked: false,
  nick: '',
  avatar: '',
  atUserList: [],
  ...fields,
});

test('time separators: the clock today, zero-padded month-day this year, the year before that', () => {
  const now = new Date(2026, 10, 28, 12, 0);
  const at = (date: Date) => Math.floor(date.getTime() / 1000);
  expect(formatTime(at(new Date(2026, 10, 28, 9, 5)), now)).toBe('09:05');
  expect(formatTime(at(new Date(2026, 2, 1, 14, 5)), now)).toBe('03-01 14:05');
  expect(formatTime(at(new Date(2025, 2, 21, 8, 0)), now)).toBe('2025-03-21 08:00');
});

test('a separator above the first row and after a gap of five minutes', () => {
  const rows = itemsOf(
    [message({ ID: 'a', time: 1000 }), message({ ID: 'b', time: 1299 }), message({ ID: 'c', time: 1599 })],
    new Date(0),
  );
  expect(rows.map((row) => row.timeText !== '')).toEqual([true, false, true]);
  expect(rows[0].id).toBe('ma');
});

test('@ of the viewer is at-me; when no @ names the viewer by ID, every @ of a message that mentions them is', () => {
  expect(textSegments('@me and @bob', ['me', 'bob'], 'me').map((s) => s.kind)).toEqual(['at-me', 'text', 'at']);
  expect(textSegments('@Me Nick hi', ['me'], 'me')[0]).toEqual({ text: '@Me', kind: 'at-me' });
  expect(textSegments('@bob hi', ['bob'], 'me')[0]).toEqual({ text: '@bob', kind: 'at' });
  expect(textSegments('mail @bob', [], 'me')).toEqual([{ text: 'mail @bob', kind: 'text' }]);
  expect(textSegments('see <https://a.example/x>', [], '')).toEqual([
    { text: 'see <', kind: 'text' },
    { text: 'https://a.example/x', kind: 'link' },
    { text: '>', kind: 'text' },
  ]);
});

test('an image bubble shows the thumbnail (type 2, then 1, then 0) and previews the original', () => {
  const infos = [
    { type: 0, url: 'o', width: 8, height: 6 },
    { type: 1, url: 'l', width: 4, height: 3 },
  ];
  expect(bubbleView(message({ type: 'TIMImageElem', payload: { imageInfoArray: infos } }), '', 'en').image).toEqual({
    url: 'l',
    original: 'o',
    width: 8,
    height: 6,
  });
});

test.each([
  ['en', 'TIMImageElem', '[Photo]'],
  ['zh', 'TIMImageElem', '[图片]'],
  ['en', 'TIMFileElem', '[File]'],
  ['en', 'TIMSoundElem', '[Voice]'],
  ['en', 'TIMRelayElem', '[Chat history]'],
] as const)("messageSummary in '%s' of a %s is %s", (locale, type, summary) => {
  expect(messageSummary({ type, payload: {}, messageForShow: '[图片]' }, locale)).toBe(summary);
});

test('messageSummary: a text is its text, a revoked message and a group tip read in the locale', () => {
  expect(messageSummary({ type: 'TIMTextElem', payload: { text: 'hi' } }, 'en')).toBe('hi');
  expect(messageSummary({ type: 'TIMTextElem', payload: { text: 'hi' }, isRevoked: true }, 'en')).toBe(
    'Message recalled',
  );
  expect(messageSummary({ type: 'TIMGroupTipElem', payload: { operationType: 1, userIDList: ['dave'] } }, 'en')).toBe(
    'dave joined the group',
  );
});

test("send-fail's detail is { message, error: { code, message } } in both twins, whatever was thrown", () => {
  const failed = message({ status: 'fail' });
  expect(sendFailDetail(failed, Object.assign(new Error('blocked'), { code: 20007 }))).toEqual({
    message: failed,
    error: { code: 20007, message: 'blocked' },
  });
  expect(sendFailDetail(null, 'no chat')).toEqual({ message: null, error: { code: 0, message: 'no chat' } });
});
