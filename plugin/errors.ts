/**
 * The one error table, shared by the SDK and the server. Codes up to 89999 are the
 * reference's own (`reference/compat.md`); 90000 and up are Tidings' protocol errors,
 * which the reference has no name for (see docs/protocol.md).
 */
export const ErrorCode = Object.freeze({
  SEND_FAILED: 2100,
  MESSAGE_INSTANCE_REQUIRED: 2105,
  INVALID_CONVERSATION_TYPE: 2106,
  NETWORK_ERROR: 2800,
  NETWORK_TIMEOUT: 2801,
  NO_NETWORK: 2805,
  SDK_NOT_READY: 2999,
  LOGIN_FAILED: 3001,
  NO_GROUP_PERMISSION: 10007,
  GROUP_NOT_FOUND: 10010,
  IN_PEER_BLACKLIST: 20007,
  NOT_FRIENDS: 20009,
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
  SERVER_ERROR: 90500,
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
