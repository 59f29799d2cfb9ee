/** User profiles and user status as they travel: the reference's Profile and UserStatus shapes. */
import type { TYPES } from './constants';

type ValueOf<T> = T[keyof T];

export type Gender = typeof TYPES.GENDER_UNKNOWN | typeof TYPES.GENDER_FEMALE | typeof TYPES.GENDER_MALE;
export type AllowType =
  typeof TYPES.ALLOW_TYPE_ALLOW_ANY | typeof TYPES.ALLOW_TYPE_NEED_CONFIRM | typeof TYPES.ALLOW_TYPE_DENY_ANY;
export type AdminForbidType = typeof TYPES.FORBID_TYPE_NONE | typeof TYPES.FORBID_TYPE_SEND_OUT;
export type UserStatusType = ValueOf<
  Pick<typeof TYPES, 'USER_STATUS_UNKNOWN' | 'USER_STATUS_ONLINE' | 'USER_STATUS_OFFLINE' | 'USER_STATUS_UNLOGINED'>
>;

export interface ProfileCustomField {
  /** `Tag_Profile_Custom_<1 to 8 letters, digits or _>`. */
  key: string;
  value: string;
}

/** The reference's Profile object. A user who never set anything has the defaults (empty texts, zeros, GENDER_UNKNOWN). */
export interface WireProfile {
  userID: string;
  nick: string;
  gender: Gender;
  /** uint32, e.g. 20000101. */
  birthday: number;
  location: string;
  selfSignature: string;
  allowType: AllowType;
  language: number;
  avatar: string;
  /** Bit 0: 1 = do not receive messages (kept, as the reference keeps it; Tidings does not act on it). */
  messageSettings: number;
  /** Set by an app administrator only; always FORBID_TYPE_NONE here (Tidings has no admin accounts). */
  adminForbidType: AdminForbidType;
  level: number;
  role: number;
  /** Seconds since the epoch of the last change, server clock (0: never changed). */
  lastUpdatedTime: number;
  profileCustomField: ProfileCustomField[];
}

/** What updateMyProfile may change; a custom field listed again replaces its value. */
export type ProfileUpdate = Partial<
  Pick<
    WireProfile,
    | 'nick'
    | 'gender'
    | 'birthday'
    | 'location'
    | 'selfSignature'
    | 'allowType'
    | 'language'
    | 'avatar'
    | 'messageSettings'
    | 'level'
    | 'role'
    | 'profileCustomField'
  >
>;

/** The profile of a user who never set one. */
export function defaultProfile(userID: string): WireProfile {
  return {
    userID,
    nick: '',
    gender: 'Gender_Type_Unknown',
    birthday: 0,
    location: '',
    selfSignature: '',
    allowType: 'AllowType_Type_NeedConfirm',
    language: 0,
    avatar: '',
    messageSettings: 0,
    adminForbidType: 'AdminForbid_Type_None',
    level: 0,
    role: 0,
    lastUpdatedTime: 0,
    profileCustomField: [],
  };
}

/** `profile` with `update` applied: custom fields merge by key (an empty value removes the key), the rest replace. */
export function applyProfileUpdate(profile: WireProfile, update: ProfileUpdate, time: number): WireProfile {
  const { profileCustomField, ...standard } = update;
  const next: WireProfile = { ...profile, ...standard, lastUpdatedTime: time };
  if (profileCustomField) {
    const byKey = new Map(profile.profileCustomField.map((field) => [field.key, field.value]));
    for (const { key, value } of profileCustomField) {
      if (value === '') byKey.delete(key);
      else byKey.set(key, value);
    }
    next.profileCustomField = [...byKey].map(([key, value]) => ({ key, value }));
  }
  return next;
}

/** The reference's UserStatus: online while the user has a connection, with the text set by setSelfStatus. */
export interface WireUserStatus {
  userID: string;
  statusType: UserStatusType;
  customStatus: string;
}
