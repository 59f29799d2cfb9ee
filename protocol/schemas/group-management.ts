/** The schemas of the group management ops (protocol/group-management.ts); requests.ts lists them with the others. */
import * as v from 'valibot';
import { JOIN_OPTIONS, TYPES } from '../constants';
import type { GroupManagementOperations } from '../group-management';
import {
  MAX_APPLY_MESSAGE_CHARS,
  MAX_CUSTOM_FIELD_KEY_BYTES,
  MAX_CUSTOM_FIELD_VALUE_BYTES,
  MAX_CUSTOM_FIELDS,
  MAX_GROUP_ATTRIBUTE_KEY_BYTES,
  MAX_GROUP_ATTRIBUTE_VALUE_BYTES,
  MAX_GROUP_ATTRIBUTES,
  MAX_GROUP_AVATAR_BYTES,
  MAX_GROUP_COUNTER_KEY_BYTES,
  MAX_GROUP_COUNTERS,
  MAX_GROUP_INTRODUCTION_BYTES,
  MAX_GROUP_NOTIFICATION_BYTES,
  MAX_MUTE_SECONDS,
  MAX_NAME_CARD_BYTES,
} from '../group-limits';
import { MAX_GROUP_NAME_BYTES, MAX_USERS_PER_CALL } from '../limits';
import { utf8Length } from '../messages';
import { fields, flag, groupID, list, text, userID, userIDList, wholeNumber } from './common';

const bytes = (min: number, max: number, what: string) =>
  v.pipe(
    v.string(`${what}: a string of ${min} to ${max} bytes`),
    v.check((value) => value.length >= min && utf8Length(value) <= max, `${what}: a string of ${min} to ${max} bytes`),
  );

const groupName = v.pipe(
  bytes(1, MAX_GROUP_NAME_BYTES, 'name'),
  v.check((name) => name.trim() !== '', 'a name that is not only spaces'),
);

const customFields = list(
  fields({
    key: bytes(1, MAX_CUSTOM_FIELD_KEY_BYTES, 'key'),
    value: bytes(0, MAX_CUSTOM_FIELD_VALUE_BYTES, 'value'),
  }),
  MAX_CUSTOM_FIELDS,
  '{ key, value }',
);

/** A plain object of string keys to values, with a bounded number of keys of bounded size. */
const keyedRecord = <T>(value: v.GenericSchema<unknown, T>, maxKeys: number, maxKeyBytes: number, what: string) =>
  v.pipe(
    v.record(bytes(1, maxKeyBytes, `${what} key`), value, `an object of ${what}s`),
    v.check(
      (record) => Object.keys(record).length >= 1 && Object.keys(record).length <= maxKeys,
      `1 to ${maxKeys} ${what}s`,
    ),
  );

const attributes = keyedRecord(
  bytes(0, MAX_GROUP_ATTRIBUTE_VALUE_BYTES, 'attribute value'),
  MAX_GROUP_ATTRIBUTES,
  MAX_GROUP_ATTRIBUTE_KEY_BYTES,
  'attribute',
);
const attributeKeys = list(bytes(1, MAX_GROUP_ATTRIBUTE_KEY_BYTES, 'key'), MAX_GROUP_ATTRIBUTES, 'keys');
const counterValue = wholeNumber(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
const counterKey = bytes(1, MAX_GROUP_COUNTER_KEY_BYTES, 'key');
const counterKeys = list(counterKey, MAX_GROUP_COUNTERS, 'keys');
const counterStep = fields({ groupID, key: counterKey, value: wholeNumber(0, Number.MAX_SAFE_INTEGER) });

/** The profile fields createGroup and updateGroupProfile share. */
export const groupProfileEntries = {
  introduction: v.optional(bytes(0, MAX_GROUP_INTRODUCTION_BYTES, 'introduction')),
  notification: v.optional(bytes(0, MAX_GROUP_NOTIFICATION_BYTES, 'notification')),
  avatar: v.optional(bytes(0, MAX_GROUP_AVATAR_BYTES, 'avatar')),
  muteAllMembers: v.optional(flag),
  joinOption: v.optional(v.picklist(JOIN_OPTIONS, `one of ${JOIN_OPTIONS.join(', ')} (TYPES.JOIN_OPTIONS_*)`)),
  groupCustomField: v.optional(customFields),
};

/** The profile fields createGroup may carry (the SDK checks them before sending). */
export const createGroupProfile = v.object(groupProfileEntries);

export const groupManagementSchemas: {
  [Op in keyof GroupManagementOperations]: v.GenericSchema<unknown, GroupManagementOperations[Op]['req']>;
} = {
  updateGroupProfile: fields({ groupID, name: v.optional(groupName), ...groupProfileEntries }),
  setGroupMemberRole: fields({
    groupID,
    userID,
    role: v.picklist(
      [TYPES.GRP_MBR_ROLE_ADMIN, TYPES.GRP_MBR_ROLE_MEMBER],
      'TYPES.GRP_MBR_ROLE_ADMIN or TYPES.GRP_MBR_ROLE_MEMBER',
    ),
  }),
  changeGroupOwner: fields({ groupID, newOwnerID: userID }),
  setGroupMemberMuteTime: fields({ groupID, userID, muteTime: wholeNumber(0, MAX_MUTE_SECONDS) }),
  setGroupMemberNameCard: fields({
    groupID,
    userID: v.optional(userID),
    nameCard: bytes(0, MAX_NAME_CARD_BYTES, 'nameCard'),
  }),
  setGroupMemberCustomField: fields({ groupID, userID: v.optional(userID), memberCustomField: customFields }),
  getGroupMemberProfile: fields({ groupID, userIDList: userIDList(MAX_USERS_PER_CALL) }),
  getGroupOnlineMemberCount: fields({ groupID }),
  searchGroupByID: fields({ groupID }),
  getGroupApplicationList: fields({}),
  handleGroupApplication: fields({
    groupID,
    applicant: userID,
    handleAction: v.picklist(['Agree', 'Reject'], "'Agree' or 'Reject'"),
    handleMessage: v.optional(text(MAX_APPLY_MESSAGE_CHARS)),
  }),
  initGroupAttributes: fields({ groupID, groupAttributes: attributes }),
  setGroupAttributes: fields({ groupID, groupAttributes: attributes }),
  deleteGroupAttributes: fields({ groupID, keyList: attributeKeys }),
  getGroupAttributes: fields({ groupID, keyList: v.optional(attributeKeys) }),
  setGroupCounters: fields({
    groupID,
    counters: keyedRecord(counterValue, MAX_GROUP_COUNTERS, MAX_GROUP_COUNTER_KEY_BYTES, 'counter'),
  }),
  increaseGroupCounter: counterStep,
  decreaseGroupCounter: counterStep,
  getGroupCounters: fields({ groupID, keyList: v.optional(counterKeys) }),
};
