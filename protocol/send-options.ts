/** `sendMessage`'s options: their shape on the wire, and the rules on them that are not about a single field. The schema is protocol/schemas/send-options.ts. */
import { ChatError, ErrorCode } from './errors';

export interface WireOfflinePushInfo {
  disablePush?: boolean;
  disableVoipPush?: boolean;
  title?: string;
  description?: string;
  extension?: string;
  ignoreIOSBadge?: boolean;
  androidOPPOChannelID?: string;
  /** Newer reference versions' vendor settings (sound, channel IDs, …): kept and handed to the push hook as given. */
  androidInfo?: PushVendorInfo;
  apnsInfo?: PushVendorInfo;
}

/** A flat object of at most MAX_PUSH_VENDOR_KEYS strings, numbers and booleans. */
export type PushVendorInfo = Record<string, string | number | boolean>;

export interface WireMessageControlInfo {
  excludedFromUnreadCount?: boolean;
  excludedFromLastMessage?: boolean;
  excludedFromContentModeration?: boolean;
}

/** `sendMessage`'s options as they travel with a `send`. */
export interface WireSendOptions {
  /** Only online recipients get it: not stored, not unread, not pushed offline. Not with messageControlInfo. */
  onlineUserOnly?: boolean;
  offlinePushInfo?: WireOfflinePushInfo;
  messageControlInfo?: WireMessageControlInfo;
}

/** onlineUserOnly with messageControlInfo is refused (90009), as the reference says. */
export function checkSendOptions(options: WireSendOptions): void {
  if (options.onlineUserOnly && options.messageControlInfo) {
    throw new ChatError(
      ErrorCode.SEND_OPTION_NOT_ALLOWED,
      'onlineUserOnly and messageControlInfo cannot be used together; drop one of them.',
    );
  }
}

/** Only the options that are set: what a `send` carries and what the server acts on. */
export function setOptionsOf({
  onlineUserOnly,
  offlinePushInfo,
  messageControlInfo,
}: WireSendOptions): WireSendOptions {
  const set: WireSendOptions = {};
  if (onlineUserOnly) set.onlineUserOnly = true;
  if (offlinePushInfo) set.offlinePushInfo = offlinePushInfo;
  if (messageControlInfo) set.messageControlInfo = messageControlInfo;
  return set;
}
