import type { SearchCloudMessagesResult } from '../../protocol/chat-actions';
import { TYPES } from '../../protocol/constants';
import { invalid } from '../../protocol/fields';
import type { WireMessage } from '../../protocol/messages';
import type { SearchQuery } from './store';

/** What cloud search means, whatever index a Store implementation runs it on. */

/** The payload fields a message is found by, in the order its searchable text joins them. */
export const SEARCHABLE_FIELDS = ['text', 'fileName', 'description', 'title'] as const;

/** The words a message is found by: its text, a file's name, a custom or location message's description, a merger's title. */
export function searchableText(message: Pick<WireMessage, 'payload'>): string {
  return SEARCHABLE_FIELDS.map((field) => message.payload[field])
    .filter((part) => typeof part === 'string' && part !== '')
    .join('\n');
}

/** The reference does not search these. */
export const UNSEARCHED_TYPES: readonly string[] = [TYPES.MSG_FACE, TYPES.MSG_GRP_TIP, TYPES.MSG_GRP_SYS_NOTICE];

/** A keyword as a LIKE pattern (escape character `\`) that matches it anywhere, its wildcards taken literally. */
export const likePattern = (keyword: string) => `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A trigram index finds keywords of 3 characters or more; shorter ones are matched by scanning. */
export const indexable = (keyword: string) => [...keyword].length >= 3;

/** One message a search found: a larger `order` is a newer message; a message cursor names it. */
export interface SearchMatch {
  order: number;
  conversationID: string;
}

/** An answer whose messages are still to be loaded: `messages` are the matches whose message it shows. */
export interface SearchPage<T extends SearchMatch> {
  totalCount: number;
  entries: Array<{ conversationID: string; messageCount: number; messages: T[] }>;
  cursor: string;
}

/** The page a search answers, from every match the viewer may see, newest first. */
export function searchPage<T extends SearchMatch>(query: SearchQuery, matches: T[]): SearchPage<T> {
  return query.conversation ? messagePage(query, query.conversation.ID, matches) : conversationPage(query, matches);
}

/** The answer, each shown match's message loaded by `load`. */
export function searchResult<T extends SearchMatch>(
  page: SearchPage<T>,
  load: (match: T) => WireMessage,
): SearchCloudMessagesResult {
  return {
    totalCount: page.totalCount,
    searchResultList: page.entries.map(({ conversationID, messageCount, messages }) => ({
      conversationID,
      messageCount,
      messageList: messages.map(load),
    })),
    cursor: page.cursor,
  };
}

/** One conversation: its matches, newest first, a page at a time; the cursor is the last `order` given. */
function messagePage<T extends SearchMatch>(query: SearchQuery, conversationID: string, matches: T[]): SearchPage<T> {
  const before = query.cursor === '' ? Infinity : cursorNumber(query.cursor, 'm');
  const rest = matches.filter((match) => match.order < before);
  const page = rest.slice(0, query.pageSize);
  const more = rest.length > page.length;
  return {
    totalCount: matches.length,
    entries: page.length === 0 ? [] : [{ conversationID, messageCount: matches.length, messages: page }],
    cursor: more ? `m${page[page.length - 1].order}` : '',
  };
}

/** All conversations: one entry per conversation with matches, the one with the newest match first, a page of conversations at a time. */
function conversationPage<T extends SearchMatch>(query: SearchQuery, matches: T[]): SearchPage<T> {
  const byConversation = new Map<string, T[]>();
  for (const match of matches) {
    const list = byConversation.get(match.conversationID) ?? [];
    list.push(match);
    byConversation.set(match.conversationID, list);
  }
  const offset = query.cursor === '' ? 0 : cursorNumber(query.cursor, 'c');
  const all = [...byConversation];
  const page = all.slice(offset, offset + query.pageSize);
  return {
    totalCount: all.length,
    entries: page.map(([conversationID, list]) => ({
      conversationID,
      messageCount: list.length,
      messages: list.length === 1 ? list : [],
    })),
    cursor: offset + page.length < all.length ? `c${offset + page.length}` : '',
  };
}

function cursorNumber(cursor: string, kind: 'm' | 'c'): number {
  const value = cursor.startsWith(kind) ? Number(cursor.slice(1)) : NaN;
  if (!Number.isSafeInteger(value) || value < 0)
    throw invalid(
      `cursor ${JSON.stringify(cursor)} is not one searchCloudMessages gave for this search; leave it out to start again.`,
    );
  return value;
}
