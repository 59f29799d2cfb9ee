/** The schemas of the profile and user status ops, and the reference's codes for what they refuse. */
import * as v from 'valibot';
import { TYPES } from '../constants';
import { ErrorCode } from '../errors';
import {
  MAX_CUSTOM_STATUS_BYTES,
  MAX_PROFILE_CUSTOM_FIELDS,
  MAX_PROFILE_LOCATION_BYTES,
  MAX_PROFILE_TEXT_BYTES,
  MAX_STATUS_SUBSCRIPTIONS,
  MAX_USERS_PER_CALL,
  PROFILE_CUSTOM_KEY_PATTERN,
} from '../limits';
import { utf8Length } from '../messages';
import type { ProfileUpdate } from '../profiles';
import { fields, list, userIDList, wholeNumber } from './common';

const UINT32_MAX = 0xffffffff;

const bytes = (maxBytes: number) =>
  v.pipe(
    v.string(`a string of at most ${maxBytes} bytes`),
    v.check((value) => utf8Length(value) <= maxBytes, `a string of at most ${maxBytes} bytes`),
  );

const profileText = bytes(MAX_PROFILE_TEXT_BYTES);
const uint32 = wholeNumber(0, UINT32_MAX);

const GENDERS = [TYPES.GENDER_UNKNOWN, TYPES.GENDER_FEMALE, TYPES.GENDER_MALE] as const;
const ALLOW_TYPES = [TYPES.ALLOW_TYPE_ALLOW_ANY, TYPES.ALLOW_TYPE_NEED_CONFIRM, TYPES.ALLOW_TYPE_DENY_ANY] as const;

const customKey = v.pipe(
  v.string('Tag_Profile_Custom_ and 1 to 8 letters, digits or _'),
  v.regex(PROFILE_CUSTOM_KEY_PATTERN, 'Tag_Profile_Custom_ and 1 to 8 letters, digits or _'),
);

export const profileUpdate: v.GenericSchema<unknown, ProfileUpdate> = v.pipe(
  fields({
    nick: v.optional(profileText),
    gender: v.optional(v.picklist(GENDERS, `one of ${GENDERS.join(', ')} (TYPES.GENDER_*)`)),
    birthday: v.optional(uint32),
    location: v.optional(bytes(MAX_PROFILE_LOCATION_BYTES)),
    selfSignature: v.optional(profileText),
    allowType: v.optional(v.picklist(ALLOW_TYPES, `one of ${ALLOW_TYPES.join(', ')} (TYPES.ALLOW_TYPE_*)`)),
    language: v.optional(uint32),
    avatar: v.optional(profileText),
    messageSettings: v.optional(uint32),
    level: v.optional(uint32),
    role: v.optional(uint32),
    profileCustomField: v.optional(
      list(fields({ key: customKey, value: profileText }), MAX_PROFILE_CUSTOM_FIELDS, '{ key, value }'),
    ),
  }),
  v.transform((update) => {
    // Only what was given: an absent field is left as it is.
    const given: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(update)) if (value !== undefined) given[key] = value;
    return given;
  }),
  v.check((update) => Object.keys(update).length > 0, 'an object with at least one profile field to change'),
);

const STANDARD_TEXTS = new Set(['nick', 'location', 'selfSignature', 'avatar']);

/** The reference's code for a refused profile field (40009, 40601, 40605); undefined when it has none (90003). */
export function profileIssueCode(path: string, input: unknown): number | undefined {
  if (typeof input !== 'string') return undefined;
  if (/^profileCustomField\[\d+\]\.key$/.test(path)) return ErrorCode.PROFILE_TAG_NOT_FOUND;
  if (STANDARD_TEXTS.has(path) || /^profileCustomField\[\d+\]\.value$/.test(path))
    return ErrorCode.PROFILE_VALUE_TOO_LONG;
  if (path === 'gender' || path === 'allowType') return ErrorCode.PROFILE_VALUE_INVALID;
  return undefined;
}

export const customStatus = bytes(MAX_CUSTOM_STATUS_BYTES);

export const profileRequestSchemas = {
  getMyProfile: fields({}),
  getUserProfile: fields({ userIDList: userIDList(MAX_USERS_PER_CALL) }),
  updateMyProfile: profileUpdate,
  setSelfStatus: fields({ customStatus }),
  getUserStatus: fields({ userIDList: userIDList(MAX_USERS_PER_CALL) }),
  subscribeUserStatus: fields({ userIDList: userIDList(MAX_STATUS_SUBSCRIPTIONS) }),
  unsubscribeUserStatus: fields({ userIDList: v.optional(userIDList(MAX_STATUS_SUBSCRIPTIONS)) }),
};
