import { SUMMARY_TEXT, type Locale } from './spec';
import { MSG, stringOf } from './message';
import { groupNoticeText, groupTipText } from './group-tip-text';

/** What a conversation list needs of a last message: a Message, or a Conversation's `lastMessage`. */
export interface SummarizedMessage {
  type: string;
  payload?: Record<string, unknown>;
  isRevoked?: boolean;
  messageForShow?: string;
}

const BRACKETED = {
  [MSG.IMAGE]: 'image',
  [MSG.AUDIO]: 'voice',
  [MSG.VIDEO]: 'video',
  [MSG.FILE]: 'file',
  [MSG.FACE]: 'face',
  [MSG.LOCATION]: 'location',
  [MSG.CUSTOM]: 'custom',
  [MSG.MERGER]: 'merger',
} as const;

/**
 * One line for a message in a conversation list, in the app's locale: its text, or `[Photo]` / `[图片]` and the
 * like. The SDK's `messageForShow` is Chinese whatever the app's language, as the reference's is. For apps.
 */
export function messageSummary(message: SummarizedMessage, locale: Locale): string {
  const texts = SUMMARY_TEXT[locale];
  const payload = message.payload ?? {};
  if (message.isRevoked) return texts.revoked;
  if (message.type === MSG.TEXT) return stringOf(payload.text) || stringOf(message.messageForShow);
  if (message.type === MSG.GROUP_TIP) return groupTipText(payload, locale);
  if (message.type === MSG.GROUP_SYSTEM_NOTICE) return groupNoticeText(payload, locale);
  const key = BRACKETED[message.type as keyof typeof BRACKETED];
  return key ? texts[key] : stringOf(message.messageForShow);
}
