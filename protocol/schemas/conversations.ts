/** The schemas of the conversation actions (deleteConversation, pinConversation, …). */
import * as v from 'valibot';
import { CONVERSATION_MARK_TYPES, MESSAGE_REMIND_TYPES, READ_ALL_SCOPES } from '../constants';
import {
  MAX_CONVERSATION_CUSTOM_DATA_BYTES,
  MAX_CONVERSATION_GROUP_NAME_BYTES,
  MAX_CONVERSATIONS_PER_CALL,
  MAX_DRAFT_BYTES,
} from '../conversation-rules';
import { utf8Length } from '../messages';
import type { ConversationOperationName, Operations } from '../operations';
import { fields, flag, list } from './common';
import { conversationID } from './conversation-id';

/** 1 to MAX_CONVERSATIONS_PER_CALL conversationIDs; one named twice counts once. */
export const conversationIDList = v.pipe(
  list(conversationID, MAX_CONVERSATIONS_PER_CALL, 'conversationIDs'),
  v.transform((ids) => [...new Set(ids)]),
);

/** A conversation group's name: 1 to 32 bytes (51011 otherwise, see issues.ts). */
export const conversationGroupName = v.pipe(
  v.string(`a name of 1 to ${MAX_CONVERSATION_GROUP_NAME_BYTES} bytes`),
  v.check(
    (name) => name.length > 0 && utf8Length(name) <= MAX_CONVERSATION_GROUP_NAME_BYTES,
    `a name of 1 to ${MAX_CONVERSATION_GROUP_NAME_BYTES} bytes`,
  ),
);

const groupOfConversations = fields({ groupName: conversationGroupName, conversationIDList });

/** The SDK checks the same (plugin/conversation-actions.ts), so it refuses with the code and words the server would. */
export const conversationSchemas: {
  [Op in ConversationOperationName]: v.GenericSchema<unknown, Operations[Op]['req']>;
} = {
  deleteConversation: fields({ conversationIDList, clearHistoryMessage: flag }),
  clearHistoryMessage: fields({ conversationID }),
  pinConversation: fields({ conversationID, isPinned: flag }),
  markConversation: fields({
    conversationIDList,
    markType: v.picklist(
      CONVERSATION_MARK_TYPES,
      `one of ${CONVERSATION_MARK_TYPES.join(', ')} (TYPES.CONV_MARK_TYPE_*)`,
    ),
    enableMark: flag,
  }),
  setConversationDraft: fields({
    conversationID,
    draftText: v.pipe(
      v.string('a string'),
      v.check((text) => utf8Length(text) <= MAX_DRAFT_BYTES, `a string of at most ${MAX_DRAFT_BYTES} bytes`),
    ),
  }),
  setMessageRemindType: fields({
    conversationIDList,
    messageRemindType: v.picklist(
      MESSAGE_REMIND_TYPES,
      `one of ${MESSAGE_REMIND_TYPES.join(', ')} (TYPES.MSG_REMIND_*)`,
    ),
  }),
  setAllMessageRead: fields({
    scope: v.picklist(READ_ALL_SCOPES, `one of ${READ_ALL_SCOPES.join(', ')} (TYPES.READ_ALL_*)`),
  }),
  getConversationGroupList: fields({}),
  createConversationGroup: groupOfConversations,
  deleteConversationGroup: fields({ groupName: conversationGroupName }),
  renameConversationGroup: fields({ oldName: conversationGroupName, newName: conversationGroupName }),
  addConversationsToGroup: groupOfConversations,
  deleteConversationsFromGroup: groupOfConversations,
  setConversationCustomData: fields({
    conversationIDList,
    customData: v.pipe(
      v.string('a string'),
      v.check(
        (data) => utf8Length(data) <= MAX_CONVERSATION_CUSTOM_DATA_BYTES,
        `a string of at most ${MAX_CONVERSATION_CUSTOM_DATA_BYTES} bytes`,
      ),
    ),
  }),
};
