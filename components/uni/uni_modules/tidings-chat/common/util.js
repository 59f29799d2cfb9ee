/** Helpers the three components share. No SDK import: components reach the SDK only through the `chat` they are given. */
import { COMPONENTS, GROUP_TIP_TEXT, LOCALES, TEXT } from './spec.js';

const CONSTRUCTORS = { String, Number, Boolean, Object, Array };

/** Vue `props` for a component, straight from the shared spec (so the twins cannot drift). */
export function vueProps(name) {
  const props = {};
  for (const [prop, spec] of Object.entries(COMPONENTS[name].props)) {
    props[prop] = 'default' in spec ? { type: CONSTRUCTORS[spec.type], default: spec.default } : { type: CONSTRUCTORS[spec.type], required: true };
  }
  return props;
}

/** The locale for a `locale` prop: the value when it is one of LOCALES, else the default 'zh' (as the reference's UI kit). */
export function localeOf(value) {
  return LOCALES.includes(value) ? value : LOCALES[0];
}

/** Says on the console when a `locale` prop is not a known locale (it falls back to the default). */
export function checkLocale(value, component) {
  if (LOCALES.includes(value)) return;
  const valid = LOCALES.map((locale) => `'${locale}'`).join(', ');
  console.warn(`[tidings] ${component}: unknown locale ${JSON.stringify(value)}; use one of ${valid}. Falling back to '${LOCALES[0]}'.`);
}

/** The texts the components show, in a locale. */
export function textsOf(locale) {
  return TEXT[localeOf(locale)];
}

/** Message type values of the TencentCloudChat API (compat.md). */
export const TYPES = {
  TEXT: 'TIMTextElem', IMAGE: 'TIMImageElem', AUDIO: 'TIMSoundElem', VIDEO: 'TIMVideoFileElem', FILE: 'TIMFileElem',
  FACE: 'TIMFaceElem', LOCATION: 'TIMLocationElem', CUSTOM: 'TIMCustomElem', MERGER: 'TIMRelayElem', GROUP_TIP: 'TIMGroupTipElem',
  AT_ALL: '__kImSDK_MesssageAtALL__',
};

const LINK_OR_AT = /(https?:\/\/[^\s<>"]+)|(@\S+)/g;

/**
 * A text split into plain, link and mention parts. `@name` is a mention when the message @s someone
 * (atUserList not empty); `self` marks mentions in a message that @s the viewer or everyone.
 */
export function textSegments(text, atUserList, selfUserID) {
  const segments = [];
  const mentions = Array.isArray(atUserList) ? atUserList : [];
  // The text shows nicks, atUserList holds IDs: when the viewer is mentioned (or everyone is), every @ is marked.
  const mentionsSelf = mentions.includes(TYPES.AT_ALL) || (selfUserID !== '' && mentions.includes(selfUserID));
  let last = 0;
  for (const match of String(text).matchAll(LINK_OR_AT)) {
    if (match[2] && mentions.length === 0) continue;
    if (match.index > last) segments.push({ kind: 'text', text: text.slice(last, match.index) });
    if (match[1]) segments.push({ kind: 'link', text: match[1] });
    else segments.push({ kind: 'at', text: match[2], self: mentionsSelf });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}

export function formatSize(bytes) {
  if (!(bytes >= 0)) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const pad = (n) => String(n).padStart(2, '0');

/** "14:05" today, "3-21 14:05" this year, "2024-3-21 14:05" before. `time` in seconds. */
export function formatTime(time, now = Date.now()) {
  const date = new Date(time * 1000);
  const today = new Date(now);
  const clock = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (date.toDateString() === today.toDateString()) return clock;
  const day = `${date.getMonth() + 1}-${date.getDate()}`;
  return date.getFullYear() === today.getFullYear() ? `${day} ${clock}` : `${date.getFullYear()}-${day} ${clock}`;
}

/** Show a time separator before a message that comes 5 minutes or more after the previous one. */
export const SEPARATOR_GAP_SECONDS = 300;

/** One line for a group tip payload `{ operatorID, operationType, userIDList }`. */
export function groupTipText(payload, locale) {
  const lang = localeOf(locale);
  const users = Array.isArray(payload.userIDList) && payload.userIDList.length > 0 ? payload.userIDList.join(TEXT[lang].listSeparator) : payload.operatorID || '';
  const verb = GROUP_TIP_TEXT[lang][payload.operationType];
  return verb ? `${users} ${verb}`.trim() : payload.description || users;
}

/** The best image URL: the thumbnail (type 2) for the bubble, the original (type 0) for preview. */
export function imageURL(payload, type) {
  const list = Array.isArray(payload.imageInfoArray) ? payload.imageInfoArray : [];
  const found = list.find((info) => info.type === type) || list[0];
  return found ? found.url : '';
}

/**
 * Per-chat channel between a composer and the lists of the same chat: the SDK reports sent messages
 * to no one, so the composer announces them here. Held in a WeakMap keyed by the chat, not in a
 * module-level variable, so two chats never share one.
 */
const channels = new WeakMap();

export function channelOf(chat) {
  let channel = channels.get(chat);
  if (!channel) {
    const listeners = new Set();
    channel = {
      on(listener) { listeners.add(listener); return () => listeners.delete(listener); },
      emit(event) { listeners.forEach((listener) => listener(event)); },
    };
    channels.set(chat, channel);
  }
  return channel;
}
