import { TEXT, type Locale } from './spec';
import { groupNoticeText, groupTipText } from './group-tip-text';

export { groupNoticeText, groupTipText };
import { MSG, numberOf, stringOf, stringsOf, type ChatMessage } from './message';
import { reEditText } from './message-actions';
import { quoteOf, type QuoteView } from './quote-view';
import { textSegments, type Segment } from './text-segments';
import { formatSize } from './time';

/** What a bubble shows of one message; only the fields of its kind are set. Both twins' templates render only this. */
export interface BubbleView {
  kind:
    | 'text'
    | 'image'
    | 'audio'
    | 'video'
    | 'file'
    | 'face'
    | 'location'
    | 'custom'
    | 'merger'
    | 'tip'
    | 'revoked'
    | 'unknown';
  flow: 'in' | 'out';
  status: ChatMessage['status'];
  name: string;
  avatar: string;
  initial: string;
  /** What a screen reader says for the content. */
  label: string;
  /** The line of a group tip or a revoked message. */
  notice?: string;
  /** A recalled text of one's own: the text "re-edit" gives back to the composer. */
  reEdit?: string;
  /** The quoted message of a quote reply. */
  quote?: QuoteView;
  /** One's own sent C2C message: whether the peer has read it. */
  read?: 'read' | 'unread';
  segments?: Segment[];
  image?: { url: string; original: string; width: number; height: number };
  audio?: { url: string; second: number; duration: string };
  video?: { url: string; poster: string; second: number; duration: string };
  file?: { name: string; size: string; url: string };
  face?: { index: number; image: string; text: string };
  location?: { description: string; latitude: number; longitude: number };
  custom?: { description: string };
  merger?: { title: string; abstracts: string[] };
}

/** A merged message's card shows at most this many abstract lines. */
export const MERGER_ABSTRACT_LINES = 4;

interface ImageInfo {
  type: number;
  url: string;
  width: number;
  height: number;
}

const imageInfosOf = (value: unknown): ImageInfo[] =>
  (Array.isArray(value) ? value : []).map((info: Record<string, unknown>) => ({
    type: numberOf(info?.type),
    url: stringOf(info?.url),
    width: numberOf(info?.width),
    height: numberOf(info?.height),
  }));

/** The smallest rendition for the bubble (type 2 thumbnail, then 1 large, then 0 original) and the original for the preview. */
function imageOf(payload: Record<string, unknown>): NonNullable<BubbleView['image']> {
  const list = imageInfosOf(payload.imageInfoArray);
  const byType = (type: number) => list.find((info) => info.type === type);
  const shown = byType(2) ?? byType(1) ?? byType(0) ?? list[0];
  const original = byType(0) ?? shown;
  return {
    url: shown?.url ?? '',
    original: original?.url ?? '',
    width: original?.width ?? 0,
    height: original?.height ?? 0,
  };
}

const IMAGE_FACE = /^(https?:|\/|data:)/;

/** The view of a message for a viewer (`selfUserID`, to highlight @ of them) in a locale. */
export function bubbleView(message: ChatMessage, selfUserID: string, locale: Locale): BubbleView {
  const T = TEXT[locale];
  const name = message.nick || message.from || '';
  const base = {
    flow: message.flow === 'out' ? 'out' : 'in',
    status: message.status,
    name,
    avatar: message.avatar || '',
    initial: (name[0] ?? '?').toUpperCase(),
  } as const;
  if (message.isRevoked) {
    const revoker = message.revoker || message.from;
    // A recall by a group owner or admin names them; one's own recall says "you".
    const ownMessage = message.flow === 'out';
    const who = revoker === message.from ? (ownMessage ? T.you : name) : revoker === selfUserID ? T.you : revoker;
    const notice = `${who} ${T.revoked}`.trim();
    const reEdit = reEditText(message, selfUserID);
    return { ...base, kind: 'revoked', notice, label: notice, ...(reEdit ? { reEdit } : {}) };
  }
  const quote = quoteOf(message.cloudCustomData);
  const read =
    message.flow === 'out' && message.conversationType === 'C2C' && message.status === 'success'
      ? message.isPeerRead
        ? 'read'
        : 'unread'
      : undefined;
  return { ...contentView(message, selfUserID, locale, base), ...(quote ? { quote } : {}), ...(read ? { read } : {}) };
}

type BubbleBase = Pick<BubbleView, 'flow' | 'status' | 'name' | 'avatar' | 'initial'>;

/** The part of the view that depends on the message type. */
function contentView(message: ChatMessage, selfUserID: string, locale: Locale, base: BubbleBase): BubbleView {
  const T = TEXT[locale];
  const payload = message.payload ?? {};
  switch (message.type) {
    case MSG.TEXT: {
      const text = stringOf(payload.text);
      const atUserList = message.atUserList?.length ? message.atUserList : stringsOf(payload.atUserList);
      return { ...base, kind: 'text', segments: textSegments(text, atUserList, selfUserID), label: text };
    }
    case MSG.IMAGE:
      return { ...base, kind: 'image', image: imageOf(payload), label: T.image };
    case MSG.AUDIO: {
      const second = numberOf(payload.second);
      return {
        ...base,
        kind: 'audio',
        audio: { url: stringOf(payload.url), second, duration: `${second}"` },
        label: `${T.voice} ${second}"`,
      };
    }
    case MSG.VIDEO: {
      const second = numberOf(payload.videoSecond);
      return {
        ...base,
        kind: 'video',
        video: { url: stringOf(payload.videoUrl), poster: stringOf(payload.thumbUrl), second, duration: `${second}"` },
        label: T.video,
      };
    }
    case MSG.FILE: {
      const file = {
        name: stringOf(payload.fileName),
        size: formatSize(numberOf(payload.fileSize)),
        url: stringOf(payload.fileUrl),
      };
      return { ...base, kind: 'file', file, label: `${T.file} ${file.name} ${file.size}`.trim() };
    }
    case MSG.FACE: {
      const data = stringOf(payload.data);
      const index = numberOf(payload.index);
      const image = IMAGE_FACE.test(data) ? data : '';
      return {
        ...base,
        kind: 'face',
        face: { index, image, text: image ? '' : data || `[${T.face} ${index}]` },
        label: T.face,
      };
    }
    case MSG.LOCATION: {
      const location = {
        description: stringOf(payload.description),
        latitude: numberOf(payload.latitude),
        longitude: numberOf(payload.longitude),
      };
      return { ...base, kind: 'location', location, label: `${T.location} ${location.description}`.trim() };
    }
    case MSG.CUSTOM: {
      const description = stringOf(payload.description) || stringOf(payload.data);
      return { ...base, kind: 'custom', custom: { description }, label: description };
    }
    case MSG.MERGER: {
      const title = stringOf(payload.title) || T.mergerTitle;
      return {
        ...base,
        kind: 'merger',
        merger: { title, abstracts: stringsOf(payload.abstractList).slice(0, MERGER_ABSTRACT_LINES) },
        label: title,
      };
    }
    case MSG.GROUP_TIP: {
      const notice = groupTipText(payload, locale);
      return { ...base, kind: 'tip', notice, label: notice };
    }
    case MSG.GROUP_SYSTEM_NOTICE: {
      const notice = groupNoticeText(payload, locale);
      return { ...base, kind: 'tip', notice, label: notice };
    }
    default:
      return { ...base, kind: 'unknown', label: stringOf(payload.description) || message.type };
  }
}

/** `42%` for an upload progress 0..1; '' for -1 (no progress to show). */
export function progressText(progress: number): string {
  return progress >= 0 ? `${Math.round(Math.min(progress, 1) * 100)}%` : '';
}
