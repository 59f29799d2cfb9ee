import { GROUP_TIP_TEXT, TEXT, type Locale } from '../../shared/spec';
import { MSG, type ChatMessage } from '../common/chat';

export interface Segment {
  text: string;
  /** `at-me`: an @ of the viewer (or @all); `link`: an http(s) address. */
  kind: 'text' | 'at' | 'at-me' | 'link';
}

/** What the template shows for one message; only the fields of its kind are set. */
export interface BubbleView {
  kind: 'text' | 'image' | 'audio' | 'video' | 'file' | 'face' | 'location' | 'custom' | 'merger' | 'tip' | 'revoked' | 'unknown';
  flow: 'in' | 'out';
  status: string;
  name: string;
  avatar: string;
  initial: string;
  label: string;
  segments?: Segment[];
  image?: { url: string; original: string; width: number; height: number };
  audio?: { url: string; second: number };
  video?: { url: string; poster: string; second: number };
  file?: { name: string; size: string; url: string };
  face?: { index: number; data: string };
  location?: { description: string; latitude: number; longitude: number };
  custom?: { description: string; data: string };
  merger?: { title: string; abstracts: string[] };
  tip?: string;
}

const LINK_OR_AT = /(https?:\/\/[^\s]+)|(@[^\s@]+)/g;

/** Splits text into plain runs, links and @ mentions (highlighted when the message @s someone). */
export function textSegments(text: string, atUserList: string[], selfUserID: string, selfNick = ''): Segment[] {
  const segments: Segment[] = [];
  const mentionsMe = atUserList.includes(MSG.AT_ALL) || (selfUserID !== '' && atUserList.includes(selfUserID));
  let last = 0;
  const pattern = new RegExp(LINK_OR_AT.source, 'g');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    if (match[2] && atUserList.length === 0) continue;
    if (start > last) segments.push({ text: text.slice(last, start), kind: 'text' });
    let kind: Segment['kind'] = 'link';
    if (match[2]) {
      const name = match[2].slice(1);
      kind = mentionsMe && (name === selfUserID || name === selfNick || /^(all|所有人)$/i.test(name)) ? 'at-me' : 'at';
    }
    segments.push({ text: match[0], kind });
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), kind: 'text' });
  return segments;
}

export function formatSize(bytes: number): string {
  if (!(bytes >= 0)) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** The smallest rendition for the bubble (type 2 thumbnail, then 1 large, then 0 original) and the original for the preview. */
function imageOf(payload: Record<string, any>): BubbleView['image'] {
  const list: Array<{ type: number; url: string; width: number; height: number }> = Array.isArray(payload.imageInfoArray) ? payload.imageInfoArray : [];
  const byType = (type: number) => list.find((info) => info.type === type);
  const shown = byType(2) ?? byType(1) ?? byType(0) ?? list[0];
  const original = byType(0) ?? shown;
  return { url: str(shown?.url), original: str(original?.url), width: num(original?.width), height: num(original?.height) };
}

function tipOf(payload: Record<string, any>, locale: Locale): string {
  const verbs: Record<number, string> = GROUP_TIP_TEXT[locale];
  const who = Array.isArray(payload.userIDList) && payload.userIDList.length > 0 ? payload.userIDList.join(TEXT[locale].listSeparator) : str(payload.operatorID);
  const verb = verbs[num(payload.operationType)];
  return verb ? `${who} ${verb}` : str(payload.description) || who;
}

/** `locale` picks the built-in texts (labels, revoked and group tip lines). */
export function bubbleView(message: ChatMessage, selfUserID: string, locale: Locale = 'zh'): BubbleView {
  const T = TEXT[locale];
  const payload = message.payload ?? {};
  const name = message.nick || message.from || '';
  const base = { flow: message.flow, status: message.status, name, avatar: message.avatar || '', initial: (name[0] ?? '?').toUpperCase() };
  if (message.isRevoked) return { ...base, kind: 'revoked', tip: `${message.flow === 'out' ? T.you : name} ${T.revoked}`, label: T.revoked };
  switch (message.type) {
    case MSG.TEXT: {
      const text = str(payload.text);
      const atUserList = Array.isArray(payload.atUserList) ? payload.atUserList : message.atUserList ?? [];
      return { ...base, kind: 'text', segments: textSegments(text, atUserList, selfUserID), label: text };
    }
    case MSG.IMAGE:
      return { ...base, kind: 'image', image: imageOf(payload), label: T.image };
    case MSG.AUDIO:
      return { ...base, kind: 'audio', audio: { url: str(payload.url), second: num(payload.second) }, label: `${T.voice} ${num(payload.second)}"` };
    case MSG.VIDEO:
      return { ...base, kind: 'video', video: { url: str(payload.videoUrl), poster: str(payload.thumbUrl), second: num(payload.videoSecond) }, label: T.video };
    case MSG.FILE: {
      const file = { name: str(payload.fileName), size: formatSize(num(payload.fileSize)), url: str(payload.fileUrl) };
      return { ...base, kind: 'file', file, label: `${T.file} ${file.name} ${file.size}` };
    }
    case MSG.FACE:
      return { ...base, kind: 'face', face: { index: num(payload.index), data: str(payload.data) }, label: T.face };
    case MSG.LOCATION: {
      const location = { description: str(payload.description), latitude: num(payload.latitude), longitude: num(payload.longitude) };
      return { ...base, kind: 'location', location, label: `${T.location} ${location.description}` };
    }
    case MSG.CUSTOM:
      return { ...base, kind: 'custom', custom: { description: str(payload.description), data: str(payload.data) }, label: str(payload.description) };
    case MSG.MERGER: {
      const abstracts = (Array.isArray(payload.abstractList) ? payload.abstractList : []).filter((line: unknown) => typeof line === 'string');
      const title = str(payload.title) || T.mergerTitle;
      return { ...base, kind: 'merger', merger: { title, abstracts }, label: title };
    }
    case MSG.GROUP_TIP: {
      const tip = tipOf(payload, locale);
      return { ...base, kind: 'tip', tip, label: tip };
    }
    default:
      return { ...base, kind: 'unknown', label: str(payload.description) || message.type };
  }
}
