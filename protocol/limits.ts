/** The numbers and patterns both sides enforce: the SDK to fail early, the server because it cannot be bypassed. */

/** One message body (payload + cloudCustomData, as sent) may be at most 12 KB (the reference's limit). */
export const MAX_BODY_BYTES = 12 * 1024;
/** One file: at most 100 MB (the reference's limit). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Targeted group messages may name at most this many receivers. */
export const MAX_RECEIVERS = 50;
/** A text-at message may @ at most this many members (or MSG_AT_ALL). */
export const MAX_AT_USERS = 30;
/** Every string in `sendMessage`'s options (offlinePushInfo.title, …) may be at most this many characters. */
export const MAX_SEND_OPTION_CHARS = 1024;
/** Messages per `getMessageList` page: the default and the most a request may ask for. */
export const HISTORY_PAGE_SIZE = 15;

/** The reference allows letters, digits, `_` and `-`, at most 32 bytes. */
export const USER_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
/** Message IDs are made by the SDK; the server only needs them bounded and printable. */
export const MESSAGE_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
/** Group IDs: letters, digits and `_ - . @ #` (so the reference's `@TGS#...` form fits), at most 48. */
export const GROUP_ID_PATTERN = /^[A-Za-z0-9_.@#-]{1,48}$/;
/** A merged message may contain merged messages this many layers deep (the reference's rule); deeper ones are stored with `layersOverLimit: true` and without their content. */
export const MAX_MERGER_LAYERS = 100;
/**
 * No frame may nest objects and arrays deeper than this: room for 100 merger layers (three levels
 * each) and what their messages hold, and far below what would overflow a parser's or JSON.stringify's stack.
 */
export const MAX_FRAME_DEPTH = 400;
/** A merged message may hold at most this many messages (the 12 KB body rule usually stops it sooner). */
export const MAX_MERGED_MESSAGES = 300;
/** Users one addGroupMember / deleteGroupMember / createGroup call may name. */
export const MAX_MEMBERS_PER_CALL = 500;
/** Members per getGroupMemberList page: the default and the most a request may ask for. */
export const MAX_MEMBER_PAGE = 100;
/** A group's name, in UTF-8 bytes. */
export const MAX_GROUP_NAME_BYTES = 100;
/** Users one deleteFriend / addToBlacklist call may name. */
export const MAX_USERS_PER_CALL = 100;
/** A friend's remark, in characters. */
export const MAX_REMARK_CHARS = 96;
/** Messages one read-receipt call may name. */
export const MAX_RECEIPT_MESSAGES = 30;
/** Extensions one setMessageExtensions / deleteMessageExtensions call may name. */
export const MAX_EXTENSIONS_PER_CALL = 20;
export const MAX_EXTENSION_KEY_BYTES = 100;
export const MAX_EXTENSION_VALUE_BYTES = 1024;

/**
 * The outbox paces a group's queued messages under the reference's 40 messages / second group
 * limit, past which the server drops messages while answering success (sequence 0).
 */
export const GROUP_SEND_PER_SECOND = 30;
/** Messages waiting in one user's outbox, and the bytes its stored form may take: WeChat storage allows 1 MB a key, 10 MB in all. */
export const OUTBOX_MAX_MESSAGES = 200;
export const OUTBOX_MAX_BYTES = 512 * 1024;
/** How long sendMessage keeps trying before it rejects (create option `sendTimeout`). */
export const DEFAULT_SEND_TIMEOUT_MS = 60_000;
/** Messages one deleteMessage call may name (the reference's limit). */
export const MAX_DELETE_MESSAGES = 30;
/** The revoke time limit when the server's settings do not name one (the reference's default, 2 minutes). */
export const DEFAULT_REVOKE_TIME_LIMIT_SECONDS = 120;
/** Profile text fields (nick, avatar, selfSignature) and custom field values, in UTF-8 bytes (the reference's limit; over it: 40601). */
export const MAX_PROFILE_TEXT_BYTES = 500;
/** `location`, in UTF-8 bytes (the reference's limit). */
export const MAX_PROFILE_LOCATION_BYTES = 16;
/** Custom profile fields one user may have, and one updateMyProfile call may set (the reference's app-wide limit is 20 keys). */
export const MAX_PROFILE_CUSTOM_FIELDS = 20;
/** `Tag_Profile_Custom_` and 1 to 8 letters, digits or `_`, as the reference names custom profile fields. */
export const PROFILE_CUSTOM_KEY_PATTERN = /^Tag_Profile_Custom_[A-Za-z0-9_]{1,8}$/;
/** setSelfStatus's customStatus, in UTF-8 bytes (the reference's limit). */
export const MAX_CUSTOM_STATUS_BYTES = 100;
/** Users one subscribeUserStatus call may name, and the most one user may follow. */
export const MAX_STATUS_SUBSCRIPTIONS = 200;
/** Keys of sendMessage's offlinePushInfo.androidInfo or .apnsInfo (kept for the push hook). */
export const MAX_PUSH_VENDOR_KEYS = 32;
/** A friend request's wording (addFriend `wording`), in UTF-8 bytes. */
export const MAX_FRIEND_WORDING_BYTES = 256;
/** addFriend's `source` and `groupName`, in UTF-8 bytes. */
export const MAX_FRIEND_SOURCE_BYTES = 64;
export const MAX_FRIEND_GROUP_NAME_BYTES = 30;
/** updateFriend's friendCustomField: fields per call, and each value in UTF-8 bytes. */
export const MAX_FRIEND_CUSTOM_FIELDS = 20;
export const MAX_FRIEND_CUSTOM_VALUE_BYTES = 512;
/** A friend custom field's key: `Tag_SNS_Custom_` and up to 8 letters, digits or _, as the reference names them. */
export const FRIEND_CUSTOM_KEY_PATTERN = /^Tag_SNS_Custom_\w{1,8}$/;
/** A topic's name, and its avatar, introduction, notification and customData, in UTF-8 bytes. */
export const MAX_TOPIC_NAME_BYTES = 150;
export const MAX_TOPIC_TEXT_BYTES = 1024;
/** Topics one deleteTopicFromCommunity / getTopicList call may name. */
export const MAX_TOPICS_PER_CALL = 100;
