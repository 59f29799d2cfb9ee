/** One schema per op of `Operations`: what its `d` must be. The gateway runs it before any handler; a fuzzer can walk them. */
import * as v from 'valibot';
import { GROUP_TYPES } from '../constants';
import { PROTOCOL_VERSION } from '../frames';
import {
  HISTORY_PAGE_SIZE,
  MAX_EXTENSION_KEY_BYTES,
  MAX_EXTENSION_VALUE_BYTES,
  MAX_EXTENSIONS_PER_CALL,
  MAX_GROUP_NAME_BYTES,
  MAX_MEMBER_PAGE,
  MAX_MEMBERS_PER_CALL,
  MAX_RECEIPT_MESSAGES,
} from '../limits';
import { utf8Length } from '../messages';
import type { OperationName, Operations } from '../operations';
import { fields, groupID, list, messageID, text, userID, userIDList, wholeNumber } from './common';
import { profileRequestSchemas } from './profiles';
import { friendRequestSchemas } from './friends';
import { topicRequestSchemas } from './topics';
import { sendRequest } from './send';
import { messageActionSchemas } from './message-actions';
import { chatActionSchemas } from './chat-actions';
import { conversationID, readableConversationID } from './conversation-id';
import { conversationSchemas } from './conversations';
import { groupManagementSchemas, groupProfileEntries } from './group-management';
import { MAX_APPLY_MESSAGE_CHARS } from '../group-limits';

export { conversationID };

const messageRef = fields({ conversationID, ID: messageID });

const messageRefs = v.pipe(
  list(messageRef, MAX_RECEIPT_MESSAGES, 'messages'),
  v.check((refs) => refs.every((ref) => ref.conversationID === refs[0].conversationID), 'messages of one conversation'),
);

const utf8Text = (min: number, maxBytes: number, what: string) =>
  v.pipe(
    v.string(what),
    v.check((value) => value.length >= min && utf8Length(value) <= maxBytes, what),
  );

const extensionKey = utf8Text(1, MAX_EXTENSION_KEY_BYTES, `a key of 1 to ${MAX_EXTENSION_KEY_BYTES} bytes`);

const groupName = v.pipe(
  v.string(`a string of 1 to ${MAX_GROUP_NAME_BYTES} bytes`),
  v.check(
    (name) => name.trim() !== '' && utf8Length(name) <= MAX_GROUP_NAME_BYTES,
    `1 to ${MAX_GROUP_NAME_BYTES} bytes of text, not only spaces`,
  ),
);

const empty = fields({});
const groupRef = fields({ groupID });
const members = fields({ groupID, userIDList: userIDList(MAX_MEMBERS_PER_CALL) });

/** The schema of each op's request; its output is what the handler gets. */
export const requestSchemas: { [Op in OperationName]: v.GenericSchema<unknown, Operations[Op]['req']> } = {
  login: fields({
    SDKAppID: wholeNumber(0, Number.MAX_SAFE_INTEGER),
    userID,
    userSig: text(4096),
    protocolVersion: v.literal(PROTOCOL_VERSION, `${PROTOCOL_VERSION} (the protocol this server speaks)`),
  }),
  ping: empty,
  send: sendRequest,
  getMessageList: fields({
    conversationID: readableConversationID,
    nextReqMessageID: v.optional(text(64)),
    count: v.optional(wholeNumber(1, HISTORY_PAGE_SIZE)),
  }),
  getConversationList: empty,
  setMessageRead: fields({ conversationID: readableConversationID }),
  uploadToken: empty,

  createGroup: fields({
    name: groupName,
    type: v.optional(v.picklist(GROUP_TYPES, `one of ${GROUP_TYPES.join(', ')} (TYPES.GRP_*)`)),
    groupID: v.optional(groupID),
    memberList: v.optional(
      v.pipe(
        v.array(fields({ userID }), 'an array of { userID }'),
        v.maxLength(MAX_MEMBERS_PER_CALL, `at most ${MAX_MEMBERS_PER_CALL} members`),
      ),
    ),
    ...groupProfileEntries,
    isSupportTopic: v.optional(v.boolean('true or false')),
  }),
  joinGroup: fields({ groupID, applyMessage: v.optional(text(MAX_APPLY_MESSAGE_CHARS)) }),
  quitGroup: groupRef,
  dismissGroup: groupRef,
  getGroupList: empty,
  getGroupProfile: groupRef,
  getGroupMemberList: fields({
    groupID,
    count: v.optional(wholeNumber(1, MAX_MEMBER_PAGE)),
    offset: v.optional(wholeNumber(0, Number.MAX_SAFE_INTEGER)),
  }),
  addGroupMember: members,
  deleteGroupMember: members,

  sendMessageReadReceipt: fields({ messageList: messageRefs }),
  getMessageReadReceiptList: fields({ messageList: messageRefs }),
  setMessageExtensions: fields({
    message: messageRef,
    extensions: list(
      fields({
        key: extensionKey,
        value: utf8Text(0, MAX_EXTENSION_VALUE_BYTES, `a value of at most ${MAX_EXTENSION_VALUE_BYTES} bytes`),
      }),
      MAX_EXTENSIONS_PER_CALL,
      '{ key, value }',
    ),
  }),
  getMessageExtensions: fields({ message: messageRef }),
  deleteMessageExtensions: fields({
    message: messageRef,
    keyList: v.optional(
      v.pipe(
        v.array(extensionKey, 'an array of keys'),
        v.maxLength(MAX_EXTENSIONS_PER_CALL, `at most ${MAX_EXTENSIONS_PER_CALL} keys`),
      ),
    ),
  }),
  ...messageActionSchemas(conversationID),
  ...chatActionSchemas,
  ...profileRequestSchemas,

  ...conversationSchemas,
  ...groupManagementSchemas,
  ...friendRequestSchemas,
  ...topicRequestSchemas,
};
