import { TYPES } from '../protocol/constants';
import { ChatError, ErrorCode } from '../protocol/errors';
import { parseConversationID } from '../protocol/conversation-id';
import {
  describe,
  invalid,
  isPlainObject,
  optionalBoolean,
  optionalString,
  own,
  requireString,
  type Fields,
} from '../protocol/fields';
import { GROUP_ID_PATTERN, MAX_RECEIVERS, MESSAGE_ID_PATTERN, USER_ID_PATTERN } from '../protocol/limits';
import { checkBodySize, type WireMessageDraft } from '../protocol/messages';
import {
  optionalPriority,
  requireAtUserList,
  requireRecipient,
  requireSendableConversationType,
  requireUserIDs,
} from '../protocol/message-rules';
import { parsePayload } from './payloads';

/** Input checks for what clients send. Each failure is a ChatError with the code the SDK would give; the field checkers both sides share are in protocol/fields.ts. */

export function optional<T>(fields: Fields, name: string, type: 'string' | 'boolean', fallback: T): T {
  return (
    type === 'string'
      ? optionalString(fields, name, name, fallback as string)
      : optionalBoolean(fields, name, name, fallback as boolean)
  ) as T;
}

export function requireUserID(fields: Fields, name: string): string {
  return requireString(fields, name, USER_ID_PATTERN);
}

export function requireGroupID(fields: Fields, name = 'groupID'): string {
  return requireString(fields, name, GROUP_ID_PATTERN);
}

/** `fields[name]`: 1..max userIDs, each named once. */
export function requireUserIDList(fields: Fields, name: string, max: number): string[] {
  return requireUserIDs(own(fields, name), name, max);
}

export function requireConversationID(fields: Fields): {
  conversationID: string;
  type: 'C2C' | 'GROUP';
  target: string;
} {
  const conversationID = requireString(fields, 'conversationID');
  const parsed = parseConversationID(conversationID);
  if (!parsed)
    throw invalid(
      `conversationID ${JSON.stringify(conversationID.slice(0, 80))} is not valid; use C2C<userID> or GROUP<groupID>.`,
    );
  if (parsed.type === TYPES.CONV_SYSTEM)
    throw new ChatError(ErrorCode.INVALID_CONVERSATION_TYPE, 'The system conversation has no history to read here.');
  if (parsed.type === TYPES.CONV_C2C) {
    if (!USER_ID_PATTERN.test(parsed.target))
      throw invalid(`conversationID names an invalid userID ${JSON.stringify(parsed.target.slice(0, 80))}.`);
    return { conversationID, type: 'C2C', target: parsed.target };
  }
  if (parsed.type !== TYPES.CONV_GROUP)
    throw invalid(`conversationID must be C2C<userID> or GROUP<groupID>; ${parsed.type} is not supported.`);
  if (!GROUP_ID_PATTERN.test(parsed.target))
    throw invalid(`conversationID names an invalid groupID ${JSON.stringify(parsed.target.slice(0, 80))}.`);
  return { conversationID, type: 'GROUP', target: parsed.target };
}

/** Turns a `send` frame's data into a draft, or throws the error the sender gets. */
export function parseDraft(d: Fields, sender: string): WireMessageDraft {
  if (d.from !== undefined && d.from !== sender) {
    throw new ChatError(
      ErrorCode.SENDER_MISMATCH,
      `This connection is logged in as ${sender}; it cannot send as ${describe(d.from)}.`,
    );
  }
  const ID = requireString(d, 'ID', MESSAGE_ID_PATTERN);
  const conversationType = requireSendableConversationType(own(d, 'conversationType'));
  const isGroup = conversationType === TYPES.CONV_GROUP;
  const to = requireRecipient(d, conversationType);
  const type = requireString(d, 'type');
  const priority = optionalPriority(d);
  if (!isPlainObject(d.payload)) throw invalid(`payload must be an object, got ${describe(d.payload)}.`);
  const parsed = parsePayload(type, d.payload);
  const atUserList = parsed.messageType === TYPES.MSG_TEXT ? optionalAtUserList(d, isGroup) : undefined;
  const receiverList = d.receiverList === undefined ? undefined : requireReceiverList(d, isGroup);
  const payload: WireMessageDraft['payload'] = atUserList ? { ...parsed.payload, atUserList } : parsed.payload;
  const draft: WireMessageDraft = {
    ID,
    type: parsed.messageType,
    conversationType,
    to,
    payload,
    priority,
    cloudCustomData: optionalString(d, 'cloudCustomData', 'cloudCustomData', ''),
    needReadReceipt: optionalBoolean(d, 'needReadReceipt', 'needReadReceipt', false),
    isSupportExtension: optionalBoolean(d, 'isSupportExtension', 'isSupportExtension', false),
  };
  if (atUserList) draft.atUserList = atUserList;
  if (receiverList) draft.receiverList = receiverList;
  checkBodySize(draft);
  return draft;
}

/** The members a text-at message names (MSG_AT_ALL for everyone), from `payload.atUserList`. */
function optionalAtUserList(d: Fields, isGroup: boolean): string[] | undefined {
  const value = (d.payload as Fields).atUserList;
  if (value === undefined) return undefined;
  if (!isGroup) throw invalid('atUserList (a text-at message) is for group messages only.');
  return requireAtUserList(value);
}

function requireReceiverList(d: Fields, isGroup: boolean): string[] {
  if (!isGroup) throw invalid('receiverList (a targeted message) is for group messages only.');
  return requireUserIDList(d, 'receiverList', MAX_RECEIVERS);
}
