import type { ChatInstance } from './common/chat';

/**
 * WeChat deep-copies every property value and setData (a chat instance would arrive without its
 * methods, or overflow the stack on its cycles). So a page registers its chat once and passes the
 * small handle this returns as the components' `chat` property: `chat="{{chatHandle}}"`.
 */
const chats = new Map<string, ChatInstance>();
let next = 1;

export interface ChatHandle {
  tidingsChat: string;
}

export function provideChat(chat: ChatInstance): ChatHandle {
  for (const [key, value] of chats) if (value === chat) return { tidingsChat: key };
  const key = `chat${next++}`;
  chats.set(key, chat);
  return { tidingsChat: key };
}

/** The live chat for a `chat` property: a handle from provideChat, or an instance where the runtime passed it as is. */
export function resolveChat(value: unknown): ChatInstance | null {
  if (!value || typeof value !== 'object') return null;
  if (typeof (value as ChatInstance).sendMessage === 'function') return value as ChatInstance;
  const key = (value as Partial<ChatHandle>).tidingsChat;
  return (typeof key === 'string' && chats.get(key)) || null;
}
