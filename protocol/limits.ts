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
