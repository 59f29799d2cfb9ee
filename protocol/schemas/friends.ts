/** The schemas of the relationship ops (protocol/friends.ts), part of `requestSchemas`. */
import * as v from 'valibot';
import { TYPES } from '../constants';
import type { FriendOperations } from '../friends';
import {
  FRIEND_CUSTOM_KEY_PATTERN,
  MAX_FRIEND_CUSTOM_FIELDS,
  MAX_FRIEND_CUSTOM_VALUE_BYTES,
  MAX_FRIEND_GROUP_NAME_BYTES,
  MAX_FRIEND_SOURCE_BYTES,
  MAX_FRIEND_WORDING_BYTES,
  MAX_REMARK_CHARS,
  MAX_USERS_PER_CALL,
} from '../limits';
import { utf8Length } from '../messages';
import { fields, list, text, userID, userIDList } from './common';

const bytes = (maxBytes: number) =>
  v.pipe(
    v.string(`a string of at most ${maxBytes} bytes`),
    v.check((value) => utf8Length(value) <= maxBytes, `a string of at most ${maxBytes} bytes`),
  );

const oneOf = <const Values extends readonly string[]>(values: Values) =>
  v.picklist(values, `one of ${values.join(', ')}`);

const empty = fields({});
const userIDs = fields({ userIDList: userIDList(MAX_USERS_PER_CALL) });
const remark = v.optional(text(MAX_REMARK_CHARS));

const groupName = v.pipe(
  v.string(`1 to ${MAX_FRIEND_GROUP_NAME_BYTES} bytes`),
  v.check(
    (name) => name.trim() !== '' && utf8Length(name) <= MAX_FRIEND_GROUP_NAME_BYTES,
    `1 to ${MAX_FRIEND_GROUP_NAME_BYTES} bytes, not only spaces`,
  ),
);

const customField = fields({
  key: v.pipe(
    v.string('Tag_SNS_Custom_ and 1 to 8 letters, digits or _'),
    v.regex(FRIEND_CUSTOM_KEY_PATTERN, 'Tag_SNS_Custom_ and 1 to 8 letters, digits or _'),
  ),
  value: bytes(MAX_FRIEND_CUSTOM_VALUE_BYTES),
});

export const friendRequestSchemas: {
  [Op in keyof FriendOperations]: v.GenericSchema<unknown, FriendOperations[Op]['req']>;
} = {
  addFriend: fields({
    to: userID,
    remark,
    source: v.optional(bytes(MAX_FRIEND_SOURCE_BYTES)),
    wording: v.optional(bytes(MAX_FRIEND_WORDING_BYTES)),
    type: v.optional(oneOf([TYPES.SNS_ADD_TYPE_BOTH, TYPES.SNS_ADD_TYPE_SINGLE])),
    groupName: v.optional(bytes(MAX_FRIEND_GROUP_NAME_BYTES)),
  }),
  deleteFriend: fields({
    userIDList: userIDList(MAX_USERS_PER_CALL),
    type: v.optional(oneOf([TYPES.SNS_DELETE_TYPE_BOTH, TYPES.SNS_DELETE_TYPE_SINGLE])),
  }),
  getFriendList: empty,
  addToBlacklist: userIDs,
  getBlacklist: empty,
  removeFromBlacklist: userIDs,
  getFriendApplicationList: empty,
  acceptFriendApplication: fields({
    userID,
    remark,
    type: v.optional(oneOf([TYPES.SNS_APPLICATION_AGREE, TYPES.SNS_APPLICATION_AGREE_AND_ADD])),
  }),
  refuseFriendApplication: fields({ userID }),
  deleteFriendApplication: fields({
    userID,
    type: oneOf([TYPES.SNS_APPLICATION_SENT_TO_ME, TYPES.SNS_APPLICATION_SENT_BY_ME]),
  }),
  setFriendApplicationRead: empty,
  checkFriend: fields({
    userIDList: userIDList(MAX_USERS_PER_CALL),
    type: v.optional(oneOf([TYPES.SNS_CHECK_TYPE_BOTH, TYPES.SNS_CHECK_TYPE_SINGLE])),
  }),
  getFriendProfile: userIDs,
  updateFriend: fields({
    userID,
    remark,
    friendCustomField: v.optional(list(customField, MAX_FRIEND_CUSTOM_FIELDS, '{ key, value }')),
  }),
  getFriendGroupList: empty,
  createFriendGroup: fields({ name: groupName, userIDList: v.optional(userIDList(MAX_USERS_PER_CALL)) }),
  deleteFriendGroup: fields({ name: groupName }),
  addToFriendGroup: fields({ name: groupName, userIDList: userIDList(MAX_USERS_PER_CALL) }),
  removeFromFriendGroup: fields({ name: groupName, userIDList: userIDList(MAX_USERS_PER_CALL) }),
  renameFriendGroup: fields({ oldName: groupName, newName: groupName }),
};
