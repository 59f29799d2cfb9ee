/**
 * The wire shapes of the everyday chat actions added for issue 15: message reactions, cloud
 * message search, and the operator's translation and speech-to-text services.
 */
import type { MessageType } from './constants';
import type { WireMessage, WireMessageRef } from './messages';

/** One message may carry at most this many distinct reactions (the reference's limit; 23005 past it). */
export const MAX_REACTIONS_PER_MESSAGE = 10;
/** One reaction may hold at most this many users (the reference's limit; 23006 past it). */
export const MAX_USERS_PER_REACTION = 100;
/** A reactionID, in characters (an emoji key such as `[TUIEmoji_Smile]` or an emoji itself). */
export const MAX_REACTION_ID_CHARS = 64;
/** getMessageReactions: messages per call, and users listed per reaction (`maxUserCountPerReaction`, 0 to 10). */
export const MAX_REACTION_MESSAGES = 20;
export const MAX_PARTIAL_REACTION_USERS = 10;
/** getAllUserListOfMessageReaction: users per page (`count`, 1 to 100). */
export const MAX_REACTION_USER_PAGE = 100;

/** searchCloudMessages: keywords and senders per search (the reference's 5), and results per page. */
export const MAX_SEARCH_KEYWORDS = 5;
export const MAX_SEARCH_KEYWORD_CHARS = 100;
export const MAX_SEARCH_SENDERS = 5;
export const SEARCH_PAGE_SIZE = 20;

/** translateText: texts per call and characters per text. */
export const MAX_TRANSLATE_TEXTS = 20;
export const MAX_TRANSLATE_TEXT_CHARS = 5000;
export const MAX_LANGUAGE_CHARS = 16;

export interface WireReactionUser {
  userID: string;
  nick: string;
  avatar: string;
}

/** One reaction on a message: who used it first (at most `maxUserCountPerReaction` of them) and how many did. */
export interface WireReaction {
  reactionID: string;
  totalUserCount: number;
  partialUserList: WireReactionUser[];
  /** Whether the caller is one of the users (only in answers to the caller, not in pushes). */
  reactedByMyself?: boolean;
}

export interface WireMessageReactions {
  messageID: string;
  reactionList: WireReaction[];
}

export interface ReactionRequest {
  message: WireMessageRef;
  reactionID: string;
}

/** Pushed to everyone in the conversation, every device, when a reaction is added or removed. */
export interface WireReactionsUpdated {
  /** As the receiver names the conversation. */
  conversationID: string;
  messageID: string;
  /** The message's reactions after the change, each with its first MAX_PARTIAL_REACTION_USERS users. */
  reactionList: WireReaction[];
}

export type KeywordListMatchType = 'or' | 'and';

export interface SearchCloudMessagesRequest {
  keywordList?: string[];
  /** 'or' (default): any keyword; 'and': all of them. */
  keywordListMatchType?: KeywordListMatchType;
  senderUserIDList?: string[];
  messageTypeList?: MessageType[];
  /** One conversation; all of the caller's when absent. */
  conversationID?: string;
  /** Seconds since the epoch: search messages at or before it; 0 or absent: now. */
  timePosition?: number;
  /** Seconds before timePosition; 0 or absent: no limit. */
  timePeriod?: number;
  /** From the previous page's answer; absent for the first page. */
  cursor?: string;
}

export interface WireSearchResult {
  conversationID: string;
  messageCount: number;
  /** All conversations: the message when it is the only match there, else []. One conversation: this page's matches, newest first. */
  messageList: WireMessage[];
}

export interface SearchCloudMessagesResult {
  /** One conversation: how many messages match. All conversations: in how many conversations messages match. */
  totalCount: number;
  searchResultList: WireSearchResult[];
  /** '' when this is the last page. */
  cursor: string;
}

export interface TranslateTextRequest {
  sourceTextList: string[];
  /** The texts' language, or 'auto'. */
  source: string;
  target: string;
}
