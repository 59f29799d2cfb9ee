import { TYPES, type ConversationType, type MessageRemindType, type MessageType } from '../protocol/constants';
import type { Message, MessagePayload } from './message';
import { parseConversationID } from '../protocol/conversation-id';
import { lookupTable } from '../protocol/fields';
import type { WireMessage } from '../protocol/messages';
import type { WireConversation, WireGroupAtInfo } from '../protocol/operations';

/** `conversation.lastMessage` as the reference shapes it. */
export interface ConversationLastMessage {
  lastTime: number;
  lastSequence: number;
  fromAccount: string;
  type: MessageType;
  payload: MessagePayload;
  messageForShow: string;
  cloudCustomData: string;
  isRevoked: boolean;
  isPeerRead: boolean;
}

export interface ConversationUserProfile {
  userID: string;
  nick: string;
  avatar: string;
}

/** A GROUP conversation's group: its name, type and avatar once known. */
export interface ConversationGroupProfile {
  groupID: string;
  name?: string;
  type?: string;
  avatar?: string;
}

/** Where conversations' `userProfile` and `groupProfile` come from (plugin/profiles.ts). */
export interface ConversationProfileLookup {
  user(userID: string): ConversationUserProfile;
  group(groupID: string): ConversationGroupProfile | undefined;
}

/** A group message that @-mentioned this user: `atTypeArray` holds TYPES.CONV_AT_ME, CONV_AT_ALL or CONV_AT_ALL_AT_ME. */
export interface GroupAtInfo {
  from: string;
  groupID: string;
  messageSequence: number;
  atTypeArray: number[];
}

export interface Conversation {
  conversationID: string;
  type: ConversationType;
  unreadCount: number;
  lastMessage: ConversationLastMessage | null;
  /** C2C conversations: the peer. */
  userProfile?: ConversationUserProfile;
  /** GROUP conversations: unread messages that @-mentioned this user or everyone; cleared by setMessageRead. */
  groupAtInfoList?: GroupAtInfo[];
  /** GROUP conversations: which group, with its name once known. */
  groupProfile?: ConversationGroupProfile;
  /** This user's settings, the same on every device (pinConversation, setMessageRemindType, markConversation, setConversationDraft). */
  isPinned: boolean;
  messageRemindType: MessageRemindType;
  /** TYPES.CONV_MARK_TYPE_* values set on it. */
  markList: number[];
  draftText: string;
  /** setConversationCustomData: the app's own data for this conversation, on every device. */
  customData: string;
  /** The names of the user's conversation groups it is in. */
  conversationGroupList: string[];
}

/** The settings part of a conversation, as the server sends it (absent fields are the defaults). */
export function settingsOfWire(
  wire: WireConversation,
): Pick<
  Conversation,
  'isPinned' | 'messageRemindType' | 'markList' | 'draftText' | 'customData' | 'conversationGroupList'
> {
  return {
    isPinned: wire.isPinned ?? false,
    messageRemindType: wire.messageRemindType ?? TYPES.MSG_REMIND_ACPT_AND_NOTE,
    markList: [...(wire.markList ?? [])],
    draftText: wire.draftText ?? '',
    customData: wire.customData ?? '',
    conversationGroupList: [...(wire.conversationGroupList ?? [])],
  };
}

/** How a message changes its conversation; the send options decide (targeted, onlineUserOnly, messageControlInfo). */
export interface MessageEffects {
  countsUnread: boolean;
  updatesLastMessage: boolean;
  /** Set when the message @-mentions the viewer: 1 me, 2 all, 3 both. */
  atType?: number;
}

export const ALL_EFFECTS: MessageEffects = Object.freeze({ countsUnread: true, updatesLastMessage: true });

/** What a received or sent wire message does to its conversation, for `viewer`. */
export function effectsOf(
  wire: Pick<
    WireMessage,
    'receiverList' | 'onlineUserOnly' | 'messageControlInfo' | 'atUserList' | 'sequence' | 'conversationType'
  >,
  viewer: string,
): MessageEffects {
  const stored = wire.sequence > 0 && !wire.onlineUserOnly;
  const effects: MessageEffects = {
    countsUnread: stored && !wire.receiverList && !wire.messageControlInfo?.excludedFromUnreadCount,
    updatesLastMessage: stored && !wire.messageControlInfo?.excludedFromLastMessage,
  };
  if (wire.conversationType === TYPES.CONV_GROUP && wire.atUserList) {
    const me = wire.atUserList.includes(viewer);
    const all = wire.atUserList.includes(TYPES.MSG_AT_ALL);
    if (me || all) effects.atType = me && all ? TYPES.CONV_AT_ALL_AT_ME : all ? TYPES.CONV_AT_ALL : TYPES.CONV_AT_ME;
  }
  return effects;
}

function atInfoOf(wire: WireGroupAtInfo): GroupAtInfo {
  return { from: wire.from, groupID: wire.groupID, messageSequence: wire.messageSequence, atTypeArray: [wire.atType] };
}

/** What changed in one update, so the caller emits only the events that apply. */
export interface CacheChange {
  listChanged: boolean;
  totalChanged: boolean;
}

const SHOW_TEXT = lookupTable<string>({
  [TYPES.MSG_IMAGE]: '[图片]',
  [TYPES.MSG_AUDIO]: '[语音]',
  [TYPES.MSG_VIDEO]: '[视频]',
  [TYPES.MSG_FILE]: '[文件]',
  [TYPES.MSG_FACE]: '[动画表情]',
  [TYPES.MSG_LOCATION]: '[位置]',
  [TYPES.MSG_CUSTOM]: '[自定义消息]',
  [TYPES.MSG_MERGER]: '[聊天记录]',
});

type LastMessageSource = Pick<
  WireMessage,
  'time' | 'sequence' | 'from' | 'type' | 'payload' | 'cloudCustomData' | 'isRevoked'
>;

function lastMessageOf(message: LastMessageSource): ConversationLastMessage {
  const text = message.payload.text;
  return {
    lastTime: message.time,
    lastSequence: message.sequence,
    fromAccount: message.from,
    type: message.type,
    payload: { ...message.payload },
    messageForShow:
      message.type === TYPES.MSG_TEXT && typeof text === 'string' ? text : (SHOW_TEXT[message.type] ?? ''),
    cloudCustomData: message.cloudCustomData,
    isRevoked: message.isRevoked === true,
    isPeerRead: false,
  };
}

/**
 * The local conversation list: loaded at login, then kept current by sent, received and read messages.
 * It applies what it is given: the sync record (plugin/sync/) decides which messages are news.
 */
export class ConversationCache {
  private readonly byID = new Map<string, Conversation>();
  /** When each conversation last changed, in update order: orders conversations whose last messages share a second. */
  private readonly touched = new Map<string, number>();
  private clock = 0;
  /** Fills `userProfile` and `groupProfile`; without it they carry only the IDs. */
  profiles: ConversationProfileLookup | null = null;

  /** Grows with every change; `load` keeps what changed after the count its list was asked at. */
  changeCount(): number {
    return this.clock;
  }

  /**
   * Replaces the cache with the server's list, except the conversations `isNewerThanList` names: a
   * push that arrived while the list was on its way (after a reconnect) is newer than the list, and
   * counting it again or losing it would both be wrong. A conversation the list lacks is kept if a
   * message reached it after `requestedAt` (`changeCount()` when the list was asked for).
   */
  load(
    list: readonly WireConversation[],
    requestedAt = this.clock,
    isNewerThanList: (listed: WireConversation) => boolean = () => false,
  ): CacheChange {
    const before = this.snapshotKey();
    const totalBefore = this.totalUnread();
    const listed = new Map(list.map((wire) => [wire.conversationID, wire]));
    const kept = [...this.byID.values()].filter(({ conversationID: id }) => {
      const entry = listed.get(id);
      return entry ? isNewerThanList(entry) : (this.touched.get(id) ?? 0) > requestedAt;
    });
    this.clear();
    // Oldest first, so the newest gets the latest touch; ties keep the server's order.
    const oldestFirst = list
      .map((wire, index) => ({ wire, index }))
      .sort((a, b) => wireTime(a.wire) - wireTime(b.wire) || b.index - a.index);
    for (const { wire } of oldestFirst) this.put(wire);
    for (const conversation of kept) {
      this.byID.set(conversation.conversationID, conversation);
      this.touched.set(conversation.conversationID, ++this.clock);
    }
    return { listChanged: this.snapshotKey() !== before, totalChanged: this.totalUnread() !== totalBefore };
  }

  /**
   * A message this user sent or received, not applied before (the sync record sees to that). It
   * counts as unread if `effects` say so; it becomes the last message only if newer than the one shown.
   */
  addMessage(message: Message, effects: MessageEffects = ALL_EFFECTS): CacheChange {
    if (!effects.updatesLastMessage && !effects.countsUnread && !effects.atType)
      return { listChanged: false, totalChanged: false };
    const conversation = this.getOrCreate(message.conversationID, message.conversationType);
    const newest = message.sequence > (conversation.lastMessage?.lastSequence ?? 0);
    const updatesLast = effects.updatesLastMessage && newest;
    if (updatesLast) {
      conversation.lastMessage = lastMessageOf(message);
      this.touched.set(conversation.conversationID, ++this.clock);
    }
    const counts = message.flow === 'in' && effects.countsUnread;
    if (counts) conversation.unreadCount += 1;
    const mentions = Boolean(effects.atType) && message.flow === 'in';
    if (effects.atType && mentions)
      (conversation.groupAtInfoList ??= []).push({
        from: message.from,
        groupID: message.to,
        messageSequence: message.sequence,
        atTypeArray: [effects.atType],
      });
    return { listChanged: updatesLast || counts || mentions, totalChanged: counts };
  }

  /**
   * What a conversation action on this or another device of the user changed: each listed
   * conversation takes the server's state (only its settings when `keepMessages` says a push carried
   * it past the server's answer), the deleted ones leave the list.
   */
  applyUpdate(
    conversationList: readonly WireConversation[],
    deletedConversationIDList: readonly string[],
    keepMessages: (listed: WireConversation) => boolean = () => false,
  ): CacheChange {
    const before = this.snapshotKey();
    const totalBefore = this.totalUnread();
    for (const conversationID of deletedConversationIDList) {
      this.byID.delete(conversationID);
      this.touched.delete(conversationID);
    }
    for (const wire of conversationList) {
      const cached = this.byID.get(wire.conversationID);
      if (cached && keepMessages(wire)) Object.assign(cached, settingsOfWire(wire));
      else this.put(wire, cached ? this.touchOf(cached) : ++this.clock);
    }
    return { listChanged: this.snapshotKey() !== before, totalChanged: this.totalUnread() !== totalBefore };
  }

  /** A conversation as this list has it, or undefined. */
  get(conversationID: string): Conversation | undefined {
    const conversation = this.byID.get(conversationID);
    return conversation && this.present(conversation);
  }

  markRead(conversationID: string): CacheChange {
    const conversation = this.byID.get(conversationID);
    if (!conversation || (conversation.unreadCount === 0 && !conversation.groupAtInfoList?.length))
      return { listChanged: false, totalChanged: false };
    conversation.unreadCount = 0;
    if (conversation.groupAtInfoList) conversation.groupAtInfoList = [];
    return { listChanged: true, totalChanged: true };
  }

  /** Pinned first, then newest first; a copy the caller may keep or change. */
  list(): Conversation[] {
    return [...this.byID.values()]
      .sort(
        (a, b) =>
          Number(b.isPinned) - Number(a.isPinned) || recency(b) - recency(a) || this.touchOf(b) - this.touchOf(a),
      )
      .map((conversation) => this.present(conversation));
  }

  totalUnread(): number {
    let total = 0;
    for (const conversation of this.byID.values()) total += conversation.unreadCount;
    return total;
  }

  clear(): void {
    this.byID.clear();
    this.touched.clear();
  }

  /** A revoke or modify of a message: shown anew if it is its conversation's last message. */
  reviseMessage(conversationID: string, wire: LastMessageSource): CacheChange {
    const conversation = this.byID.get(conversationID);
    if (!conversation?.lastMessage || conversation.lastMessage.lastSequence !== wire.sequence)
      return { listChanged: false, totalChanged: false };
    conversation.lastMessage = lastMessageOf(wire);
    return { listChanged: true, totalChanged: false };
  }

  private touchOf(conversation: Conversation): number {
    return this.touched.get(conversation.conversationID) ?? 0;
  }

  /** The server's state of one conversation, touched at `touch` (a new touch by default). */
  private put(wire: WireConversation, touch = ++this.clock): void {
    this.touched.set(wire.conversationID, touch);
    this.byID.set(wire.conversationID, {
      conversationID: wire.conversationID,
      type: wire.type,
      unreadCount: wire.unreadCount,
      lastMessage: wire.lastMessage ? lastMessageOf(wire.lastMessage) : null,
      ...(wire.type === TYPES.CONV_GROUP ? { groupAtInfoList: (wire.groupAtInfoList ?? []).map(atInfoOf) } : {}),
      ...settingsOfWire(wire),
    });
  }

  private getOrCreate(conversationID: string, type: ConversationType): Conversation {
    let conversation = this.byID.get(conversationID);
    if (!conversation) {
      conversation = {
        conversationID,
        type,
        unreadCount: 0,
        lastMessage: null,
        ...settingsOfWire({ conversationID, type, unreadCount: 0, lastMessage: null }),
      };
      if (type === TYPES.CONV_GROUP) conversation.groupAtInfoList = [];
      this.byID.set(conversationID, conversation);
    }
    return conversation;
  }

  private present(conversation: Conversation): Conversation {
    const copy: Conversation = {
      ...conversation,
      markList: [...conversation.markList],
      conversationGroupList: [...conversation.conversationGroupList],
      lastMessage: conversation.lastMessage && {
        ...conversation.lastMessage,
        payload: { ...conversation.lastMessage.payload },
      },
    };
    if (conversation.groupAtInfoList)
      copy.groupAtInfoList = conversation.groupAtInfoList.map((info) => ({
        ...info,
        atTypeArray: [...info.atTypeArray],
      }));
    const parsed = parseConversationID(conversation.conversationID);
    if (parsed?.type === TYPES.CONV_C2C)
      copy.userProfile = this.profiles?.user(parsed.target) ?? { userID: parsed.target, nick: '', avatar: '' };
    if (parsed?.type === TYPES.CONV_GROUP)
      copy.groupProfile = this.profiles?.group(parsed.target) ?? { groupID: parsed.target };
    return copy;
  }

  private snapshotKey(): string {
    return JSON.stringify(this.list());
  }
}

function recency(conversation: Conversation): number {
  return conversation.lastMessage?.lastTime ?? -1;
}

function wireTime(wire: WireConversation): number {
  return wire.lastMessage?.time ?? -1;
}
