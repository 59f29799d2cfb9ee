/**
 * The one error table, shared by the SDK and the server. Codes up to 89999 are the
 * reference's own (`reference/compat.md`); 90000 and up are Tidings' protocol errors,
 * which the reference has no name for (see docs/protocol.md).
 */
export const ErrorCode = Object.freeze({
  SEND_FAILED: 2100,
  MESSAGE_INSTANCE_REQUIRED: 2105,
  INVALID_CONVERSATION_TYPE: 2106,
  IMAGE_SELECT_FILE_FIRST: 2251,
  IMAGE_TYPE_NOT_ALLOWED: 2252,
  IMAGE_TOO_LARGE: 2253,
  AUDIO_UPLOAD_FAILED: 2300,
  AUDIO_TOO_LARGE: 2301,
  VIDEO_UPLOAD_FAILED: 2350,
  VIDEO_TOO_LARGE: 2351,
  VIDEO_TYPE_NOT_ALLOWED: 2352,
  FILE_UPLOAD_FAILED: 2400,
  FILE_SELECT_FIRST: 2401,
  FILE_TOO_LARGE: 2402,
  MERGER_INVALID_MESSAGE: 2450,
  MERGER_INVALID_DOWNLOAD_KEY: 2451,
  MERGER_DOWNLOAD_FAILED: 2452,
  FORWARD_INVALID_MESSAGE: 2453,
  FORWARD_INVALID_ELEMENTS: 2454,
  NETWORK_ERROR: 2800,
  NETWORK_TIMEOUT: 2801,
  NO_NETWORK: 2805,
  SDK_NOT_READY: 2999,
  LOGIN_FAILED: 3001,
  NO_GROUP_PERMISSION: 10007,
  GROUP_NOT_FOUND: 10010,
  IN_PEER_BLACKLIST: 20007,
  NOT_FRIENDS: 20009,
  /** Relationship calls: a bad argument, or the other user is not (or already is) in the list the call needs. */
  SNS_INVALID: 30001,
  /** addFriend: the other user is in your blacklist. */
  FRIEND_ADD_TARGET_BLOCKED: 30515,
  /** addFriend: the other user accepts no friend requests (AllowType_Type_DenyAny). */
  FRIEND_ADD_DENIED: 30516,
  /** addFriend: you are in the other user's blacklist. */
  FRIEND_ADD_IN_PEER_BLACKLIST: 30525,
  /** addFriend's result code (not a rejection): a request now waits for the other user to accept it. */
  FRIEND_APPLICATION_PENDING: 30539,
  /** Friend groups: the user named is not your friend. */
  FRIEND_GROUP_NOT_FRIEND: 32216,
  USERSIG_EXPIRED: 70001,
  CONTENT_MODERATION_FAILED: 80001,
  MESSAGE_TOO_LARGE: 80002,

  MALFORMED_FRAME: 90001,
  UNKNOWN_OPERATION: 90002,
  INVALID_PARAMETER: 90003,
  SENDER_MISMATCH: 90004,
  MESSAGE_ID_CONFLICT: 90005,
  NOT_LOGGED_IN: 90006,
  GROUP_ID_TAKEN: 90007,
  MESSAGE_NOT_FOUND: 90008,
  SEND_OPTION_NOT_ALLOWED: 90009,
  IMAGE_UPLOAD_FAILED: 90010,
  UPLOAD_UNAUTHORIZED: 90011,
  FILE_NOT_FOUND: 90012,
  UPLOAD_OFFSET_MISMATCH: 90013,
  SERVER_BUSY: 90014,
  /** SDK only: the outbox is full (protocol/limits.ts OUTBOX_MAX_MESSAGES / OUTBOX_MAX_BYTES), so the send is refused at once. */
  OUTBOX_FULL: 90015,
  SERVER_ERROR: 90500,
  /** modifyMessage: the message changed since the version edited; `err.data.message` is the current one. */
  MESSAGE_MODIFY_CONFLICT: 2480,
  /** modifyMessage: AVChatRoom messages cannot be modified. */
  MESSAGE_MODIFY_NOT_SUPPORTED: 2481,
  /** revokeMessage in a group past the time limit (the server's revokeTimeLimitSeconds). */
  GROUP_REVOKE_TIME_LIMIT_EXCEEDED: 10031,
  /** revokeMessage in a C2C conversation past the time limit. */
  REVOKE_TIME_LIMIT_EXCEEDED: 20016,
  /** revokeMessage / modifyMessage / deleteMessage: no such message in the conversation (for this user). */
  MESSAGE_NOT_EXIST: 20026,
  /** The reference's "this feature is not in your plan": here, the operator has not configured the service (translation, speech to text). */
  FEATURE_NOT_ENABLED: 60020,
  REACTION_COUNT_LIMIT: 23005,
  REACTION_USER_COUNT_LIMIT: 23006,
  REACTION_ALREADY_CONTAIN_USER: 23007,
  REACTION_NOT_EXISTS: 23008,
  REACTION_NOT_CONTAIN_USER: 23009,
  /** updateMyProfile: a custom field whose key is not `Tag_Profile_Custom_<1 to 8 letters, digits or _>` (the reference's "no such tag"). */
  PROFILE_TAG_NOT_FOUND: 40009,
  /** updateMyProfile: a text over its limit (500 bytes; location 16). */
  PROFILE_VALUE_TOO_LONG: 40601,
  /** updateMyProfile: gender or allowType not one of the reference's TYPES values. */
  PROFILE_VALUE_INVALID: 40605,
  /** The conversation is not in the caller's conversation list (never had a message, or deleted). */
  CONVERSATION_NOT_FOUND: 2500,
  CONVERSATION_GROUP_NOT_FOUND: 51009,
  /** A user has at most MAX_CONVERSATION_GROUPS conversation groups. */
  CONVERSATION_GROUP_LIMIT: 51010,
  /** A conversation group name is 1 to 32 bytes. */
  CONVERSATION_GROUP_NAME_INVALID: 51011,
  CONVERSATION_GROUP_NAME_TAKEN: 51012,
  /** The sender is muted in the group (setGroupMemberMuteTime), or the whole group is (muteAllMembers). */
  GROUP_MEMBER_MUTED: 10017,
} as const);

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ChatErrorOptions {
  cause?: unknown;
  /** Extra detail a caller may use, e.g. `{ message }` for a failed send. */
  data?: unknown;
}

/** Every rejection of the SDK: `err.code` and `err.message` as the reference promises, and a stack. */
export class ChatError extends Error {
  readonly code: number;
  readonly data?: unknown;

  constructor(code: number, message: string, options: ChatErrorOptions = {}) {
    super(message);
    this.name = 'ChatError';
    this.code = code;
    if (options.data !== undefined) this.data = options.data;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}
