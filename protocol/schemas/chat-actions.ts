/** Request schemas of the reaction, cloud-search and translation ops (protocol/chat-actions.ts). */
import * as v from 'valibot';
import {
  MAX_LANGUAGE_CHARS,
  MAX_PARTIAL_REACTION_USERS,
  MAX_REACTION_ID_CHARS,
  MAX_REACTION_MESSAGES,
  MAX_REACTION_USER_PAGE,
  MAX_SEARCH_KEYWORD_CHARS,
  MAX_SEARCH_KEYWORDS,
  MAX_SEARCH_SENDERS,
  MAX_TRANSLATE_TEXT_CHARS,
  MAX_TRANSLATE_TEXTS,
} from '../chat-actions';
import { TYPES } from '../constants';
import { SENDABLE_MESSAGE_TYPES } from '../constants';
import type { Operations } from '../operations';
import { fields, list, messageID, nonEmptyText, text, userID, wholeNumber } from './common';
import { conversationID } from './conversation-id';

type ChatActionOps =
  | 'addMessageReaction'
  | 'removeMessageReaction'
  | 'getMessageReactions'
  | 'getAllUserListOfMessageReaction'
  | 'searchCloudMessages'
  | 'translateText'
  | 'convertVoiceToText';

const messageRef = fields({ conversationID, ID: messageID });
const reactionID = nonEmptyText(MAX_REACTION_ID_CHARS);
const language = nonEmptyText(MAX_LANGUAGE_CHARS);
const SEARCHABLE_TYPES = SENDABLE_MESSAGE_TYPES.filter((type) => type !== TYPES.MSG_FACE);
const seconds = wholeNumber(0, Number.MAX_SAFE_INTEGER);

const searchCloudMessages = v.pipe(
  fields({
    keywordList: v.optional(
      v.pipe(
        v.array(nonEmptyText(MAX_SEARCH_KEYWORD_CHARS), 'an array of keywords'),
        v.maxLength(MAX_SEARCH_KEYWORDS, `at most ${MAX_SEARCH_KEYWORDS} keywords`),
      ),
    ),
    keywordListMatchType: v.optional(v.picklist(['or', 'and'], "'or' or 'and' (TYPES.KEYWORD_LIST_MATCH_TYPE_*)")),
    senderUserIDList: v.optional(
      v.pipe(
        v.array(userID, 'an array of userIDs'),
        v.maxLength(MAX_SEARCH_SENDERS, `at most ${MAX_SEARCH_SENDERS} senders`),
      ),
    ),
    messageTypeList: v.optional(
      v.array(
        v.picklist(SEARCHABLE_TYPES, `message types of ${SEARCHABLE_TYPES.join(', ')}`),
        'an array of message types',
      ),
    ),
    conversationID: v.optional(conversationID),
    timePosition: v.optional(seconds),
    timePeriod: v.optional(seconds),
    cursor: v.optional(text(64)),
  }),
  v.check(
    (d) => !!(d.keywordList?.length || d.senderUserIDList?.length || d.messageTypeList?.length),
    'at least one keyword, sender or message type to search by',
  ),
);

export const chatActionSchemas: { [Op in ChatActionOps]: v.GenericSchema<unknown, Operations[Op]['req']> } = {
  addMessageReaction: fields({ message: messageRef, reactionID }),
  removeMessageReaction: fields({ message: messageRef, reactionID }),
  getMessageReactions: fields({
    messageList: v.pipe(
      list(messageRef, MAX_REACTION_MESSAGES, 'messages'),
      v.check(
        (refs) => refs.every((ref) => ref.conversationID === refs[0].conversationID),
        'messages of one conversation',
      ),
    ),
    maxUserCountPerReaction: v.optional(wholeNumber(0, MAX_PARTIAL_REACTION_USERS)),
  }),
  getAllUserListOfMessageReaction: fields({
    message: messageRef,
    reactionID,
    nextSeq: v.optional(wholeNumber(0, Number.MAX_SAFE_INTEGER)),
    count: v.optional(wholeNumber(1, MAX_REACTION_USER_PAGE)),
  }),
  searchCloudMessages,
  translateText: fields({
    sourceTextList: list(text(MAX_TRANSLATE_TEXT_CHARS), MAX_TRANSLATE_TEXTS, 'texts'),
    source: language,
    target: language,
  }),
  convertVoiceToText: fields({ message: messageRef, language: v.optional(language) }),
};
