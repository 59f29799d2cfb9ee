import type { ChatMessage } from '../../../components/shared/message';

/** The messages both twins render in the twin contract test: every type, every state, revoked, @ and links, two days. */
export const SELF = 'me';
export const CONVERSATION = 'GROUPtwins';

/** An English sentence long enough to wrap in a bubble, with no word longer than a bubble line. */
export const LONG_SENTENCE =
  'The browser keeps wrapping long English sentences between words, never inside them, whatever the width of the bubble.';

/** A message as the SDK gives it, with every field the components read. */
export type FixtureMessage = ChatMessage;

/** Times: a morning two days before `nowSeconds` (a date separator), ten minutes later (a time gap), and a minute ago. */
export function twinFixture(nowSeconds: number): FixtureMessage[] {
  const earlier = new Date((nowSeconds - 2 * 86400) * 1000);
  earlier.setHours(9, 5, 0, 0);
  const day1 = Math.floor(earlier.getTime() / 1000);
  const today = nowSeconds - 60;
  let count = 0;
  const message = (
    time: number,
    type: string,
    payload: Record<string, unknown>,
    fields: Partial<FixtureMessage> = {},
  ): FixtureMessage => ({
    ID: `twin-${++count}`,
    type,
    payload,
    conversationID: CONVERSATION,
    conversationType: 'GROUP',
    to: 'twins',
    from: 'carol',
    nick: 'Carol',
    avatar: '',
    flow: 'in',
    time,
    status: 'success',
    isRevoked: false,
    atUserList: [],
    ...fields,
  });
  const mine = { from: SELF, nick: '', flow: 'out' } as const;
  return [
    message(day1, 'TIMGroupTipElem', { operationType: 1, operatorID: 'carol', userIDList: ['dave', 'erin'] }),
    message(
      day1 + 30,
      'TIMTextElem',
      { text: `@${SELF} see https://example.com/docs?a=1 now`, atUserList: [SELF] },
      { atUserList: [SELF] },
    ),
    message(
      day1 + 60,
      'TIMTextElem',
      { text: 'hello @bob and @me-too', atUserList: ['bob'] },
      { from: 'dave', nick: 'Dave', atUserList: ['bob'] },
    ),
    message(day1 + 90, 'TIMTextElem', { text: 'no mention of @anyone here' }),
    message(day1 + 120, 'TIMImageElem', {
      imageInfoArray: [
        { type: 0, url: 'https://img.example.com/original.png', width: 800, height: 600 },
        { type: 1, url: 'https://img.example.com/large.png', width: 400, height: 300 },
        { type: 2, url: 'https://img.example.com/thumb.png', width: 160, height: 120 },
      ],
    }),
    message(day1 + 150, 'TIMSoundElem', { url: 'https://media.example.com/voice.aac', second: 3 }),
    message(day1 + 750, 'TIMVideoFileElem', {
      videoUrl: 'https://media.example.com/clip.mp4',
      thumbUrl: '',
      videoSecond: 7,
    }),
    message(day1 + 780, 'TIMFileElem', {
      fileName: 'notes.txt',
      fileSize: 2048,
      fileUrl: 'https://files.example.com/notes.txt',
    }),
    message(day1 + 810, 'TIMFaceElem', { index: 3, data: '😎' }),
    message(day1 + 840, 'TIMLocationElem', { description: 'Shenzhen Bay', latitude: 22.51, longitude: 113.95 }),
    message(day1 + 870, 'TIMCustomElem', { data: '{"kind":"order"}', description: 'An order card', extension: '' }),
    message(day1 + 900, 'TIMRelayElem', {
      title: 'Team chat',
      abstractList: ['a: one', 'b: two', 'c: three', 'd: four', 'e: five'],
      messageList: [{ ID: 'inner' }],
    }),
    message(day1 + 930, 'TIMTextElem', { text: 'take this back' }, { isRevoked: true }),
    message(day1 + 960, 'TIMTextElem', { text: 'mine, taken back' }, { ...mine, isRevoked: true }),
    message(today, 'TIMTextElem', { text: 'still sending' }, { ...mine, status: 'unSend' }),
    message(today + 1, 'TIMTextElem', { text: 'this one did not go out' }, { ...mine, status: 'fail' }),
    message(today + 2, 'TIMTextElem', { text: LONG_SENTENCE }, mine),
    message(
      today + 3,
      'TIMTextElem',
      { text: 'with a face' },
      { from: 'erin', nick: 'Erin', avatar: 'https://img.example.com/erin.png' },
    ),
    message(today + 4, 'TIMTextElem', { text: 'seen' }, { ...mine, ...c2c, isPeerRead: true }),
    message(today + 5, 'TIMTextElem', { text: 'not seen yet' }, { ...mine, ...c2c, isPeerRead: false }),
    message(
      today + 6,
      'TIMTextElem',
      { text: 'agreed' },
      { cloudCustomData: JSON.stringify({ messageReply: quoted }) },
    ),
  ];
}

/** One's own C2C messages show read or unread. */
const c2c = { conversationType: 'C2C', to: 'carol' } as const;
/** TUIKit's quote-reply format, in the cloudCustomData of twin-21. */
const quoted = {
  messageID: 'twin-3',
  messageAbstract: 'hello @bob and @me-too',
  messageSender: 'Dave',
  messageType: 1,
  version: 1,
};

/** The reactions the fixture chat's getMessageReactions gives, by message ID (reference shape). */
export const FIXTURE_REACTIONS: Record<
  string,
  Array<{ reactionID: string; totalUserCount: number; reactedByMyself: boolean }>
> = {
  'twin-2': [
    { reactionID: '👍', totalUserCount: 2, reactedByMyself: true },
    { reactionID: '😂', totalUserCount: 1, reactedByMyself: false },
  ],
};

/** The list's revokeSeconds in the twins: every own message may be recalled, whatever the clock says when it runs. */
export const TWIN_REVOKE_SECONDS = 1e9;

/** Per list row, what a person sees, normalized; the same function runs in jsdom (WeChat) and Chromium (uni). */
export interface SeenItem {
  time: string;
  /** The bubble's modifiers: flow, kind, status, notice. */
  state: string[];
  /** `kind:text` of each text segment (at, at-me, link, text). */
  segments: string[];
  /** Every visible text of the bubble, in order. */
  texts: string[];
}

/** A function source (the tests' TypeScript has no DOM types): `(root) => SeenItem[]`. */
export const SEE_ITEMS = `(root) => {
  // miniprogram-simulate scopes class names by component (message-bubble--td-bubble): compare from "td-" on.
  const classes = (element) => Array.from(element.classList).map((name) => name.slice(Math.max(0, name.indexOf('td-'))));
  const all = (element, name) => Array.from(element.querySelectorAll('*')).filter((child) => classes(child).includes(name));
  const modifiers = (element, prefix) => classes(element).filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length));
  const texts = (node, out) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) { const text = child.textContent.replace(/\\s+/g, ' ').trim(); if (text) out.push(text); }
      else if (child.nodeType === 1) texts(child, out);
    }
    return out;
  };
  return all(root, 'td-list__item').map((item) => {
    const time = all(item, 'td-list__time')[0];
    const bubble = all(item, 'td-bubble')[0];
    return {
      time: time ? time.textContent.trim() : '',
      state: bubble ? modifiers(bubble, 'td-bubble--').sort() : [],
      segments: all(item, 'td-bubble__segment').map((segment) => modifiers(segment, 'td-bubble__segment--')[0] + ':' + segment.textContent),
      texts: bubble ? texts(bubble, []) : [],
    };
  });
}`;

/**
 * Bubble elements to tap, in order, and the bubble event each raises (message-list reports it as message-tap); with
 * `longPress`, the bubble is long-pressed first and the element is in its menu.
 */
export const TAPS: ReadonlyArray<{ ID: string; selector: string; action: string; longPress?: boolean }> = [
  { ID: 'twin-5', selector: '.td-bubble__image', action: 'image-preview' },
  { ID: 'twin-7', selector: '.td-bubble__video', action: 'video-play' },
  { ID: 'twin-8', selector: '.td-bubble__file', action: 'file-open' },
  { ID: 'twin-10', selector: '.td-bubble__location', action: 'location-open' },
  { ID: 'twin-12', selector: '.td-bubble__merger', action: 'merger-open' },
  { ID: 'twin-16', selector: '.td-bubble__resend', action: 'resend' },
  { ID: 'twin-4', selector: '.td-bubble__menu-item--copy', action: 'copy', longPress: true },
  { ID: 'twin-4', selector: '.td-bubble__menu-item--quote', action: 'quote', longPress: true },
  { ID: 'twin-2', selector: '.td-bubble__reaction', action: 'react' },
  { ID: 'twin-4', selector: '.td-bubble__menu-face', action: 'react', longPress: true },
  { ID: 'twin-14', selector: '.td-bubble__re-edit', action: 're-edit' },
  { ID: 'twin-17', selector: '.td-bubble__menu-item--revoke', action: 'revoke', longPress: true },
  { ID: 'twin-18', selector: '.td-bubble__menu-item--delete', action: 'delete', longPress: true },
];

/** The chat calls the taps above make the list do: [method, message ID, reactionID?]. */
export const TAP_CALLS = [
  ['removeMessageReaction', 'twin-2', '👍'],
  ['addMessageReaction', 'twin-4', '👍'],
  ['revokeMessage', 'twin-17'],
  ['deleteMessage', 'twin-18'],
];

/** A message-tap detail as the test compares it: the message by ID, the rest as is. */
export function seenTap(detail: Record<string, unknown>): Record<string, unknown> {
  const { message, ...rest } = detail;
  return { ...rest, message: (message as { ID?: string } | null)?.ID };
}
