import { MSG, stringOf, type ChatMessage } from './message';

/** What a long press on a bubble offers, in menu order. */
export type MessageAction = 'copy' | 'quote' | 'react' | 'revoke' | 'delete';

/** The reference's default: one's own message may be recalled for two minutes after it was sent. */
export const REVOKE_SECONDS = 120;

/** The faces a long-press menu offers as reactions; the reactionID is the emoji itself. */
export const REACTION_EMOJIS = ['👍', '❤️', '😂', '😮', '😢', '🎉'] as const;

export interface ActionContext {
  selfUserID: string;
  /** Seconds since the epoch, the clock of `message.time`. */
  nowSeconds: number;
  /** How long after sending one's own message may be recalled (REVOKE_SECONDS). */
  revokeSeconds: number;
  /** The viewer is the group's owner or an admin: they may recall anyone's message, at any time. */
  groupManager: boolean;
}

/**
 * The actions of a message's long-press menu. Copy is for text; a message still sending offers only copy; a failed
 * one copy and delete; recall is for one's own message within the time limit, or any group message for a manager.
 * Tips and recalled messages have no menu (a recalled text of one's own offers "re-edit" in its notice instead).
 */
export function messageActions(message: ChatMessage, context: ActionContext): MessageAction[] {
  if (message.isRevoked || message.type === MSG.GROUP_TIP) return [];
  const copy: MessageAction[] = message.type === MSG.TEXT ? ['copy'] : [];
  if (message.status === 'unSend') return copy;
  if (message.status === 'fail') return [...copy, 'delete'];
  const own = message.from === context.selfUserID;
  const recent = context.nowSeconds - message.time <= context.revokeSeconds;
  const revocable = (own && recent) || (context.groupManager && message.conversationType === 'GROUP');
  return [...copy, 'quote', 'react', ...(revocable ? (['revoke'] as const) : []), 'delete'];
}

/** The text a recalled message of one's own gives back to the composer ("re-edit"); '' when it offers none. */
export function reEditText(message: ChatMessage, selfUserID: string): string {
  if (!message.isRevoked || message.type !== MSG.TEXT) return '';
  return message.from === selfUserID || message.flow === 'out' ? stringOf(message.payload?.text) : '';
}
