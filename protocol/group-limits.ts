/** Limits of the group management ops, as the reference sets them (bytes are UTF-8). */
export const MAX_GROUP_INTRODUCTION_BYTES = 240;
export const MAX_GROUP_NOTIFICATION_BYTES = 300;
export const MAX_GROUP_AVATAR_BYTES = 500;
export const MAX_NAME_CARD_BYTES = 50;
/** Custom fields (group and member): at most this many keys per call. */
export const MAX_CUSTOM_FIELDS = 20;
export const MAX_CUSTOM_FIELD_KEY_BYTES = 16;
export const MAX_CUSTOM_FIELD_VALUE_BYTES = 512;
/** setGroupMemberMuteTime: at most about 30 years; 0 unmutes. */
export const MAX_MUTE_SECONDS = 0xffffffff;
export const MAX_APPLY_MESSAGE_CHARS = 300;
export const MAX_GROUP_ATTRIBUTES = 100;
export const MAX_GROUP_ATTRIBUTE_KEY_BYTES = 32;
export const MAX_GROUP_ATTRIBUTE_VALUE_BYTES = 4000;
export const MAX_GROUP_COUNTERS = 20;
export const MAX_GROUP_COUNTER_KEY_BYTES = 128;
