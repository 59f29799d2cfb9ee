import { EVENT, TYPES, type MessageRemindType, type ReadAllScope } from '../protocol/constants';
import { parseConversationID } from '../protocol/conversation-id';
import { MAX_REMIND_USERS_PER_CALL } from '../protocol/conversation-rules';
import { describe, invalid, isPlainObject, own, requireObject, type Fields } from '../protocol/fields';
import type { ConversationOperationName, ConversationUpdate, Operations } from '../protocol/operations';
import { groupID, userIDList } from '../protocol/schemas/common';
import { conversationSchemas } from '../protocol/schemas/conversations';
import { parseWith } from '../protocol/schemas/issues';
import type { ChatCore } from './chat-core';
import { settingsOfWire, type Conversation, type ConversationCache } from './conversations';
import type { ChatResponse, ConversationListResult } from './types';

/** What the conversation actions read and change of the chat's local state (plugin/sync/). */
export interface ConversationState {
  readonly conversations: ConversationCache;
  applyUpdate(update: ConversationUpdate): void;
}

/** `getConversationList(filter)`: every given field must match. */
export interface ConversationListFilter {
  type?: string;
  markType?: number;
  groupName?: string;
  hasUnreadCount?: boolean;
  hasGroupAtInfo?: boolean;
}

export interface DeleteConversationOptions {
  conversationIDList: string[];
  /** Default true: this user no longer sees the conversation's history, as the reference defaults. */
  clearHistoryMessage?: boolean;
}

export interface MarkConversationOptions {
  conversationIDList: string[];
  /** One of TYPES.CONV_MARK_TYPE_*. */
  markType: number;
  enableMark: boolean;
}

export interface MessageRemindTypeOptions {
  /** C2C chats with these users, or */
  userIDList?: string[];
  /** this group. */
  groupID?: string;
  messageRemindType: MessageRemindType;
}

type ConversationOp = ConversationOperationName;
/** The ops that answer an update of the list. */
export type UpdatingOp = Exclude<ConversationOp, 'getConversationGroupList'>;

/** The request as the server's schema has it, or the ChatError the server would answer (same code, same words). */
export function checked<Op extends ConversationOp>(op: Op, d: unknown): Operations[Op]['req'] {
  return parseWith(conversationSchemas[op], d, '', op);
}

const FILTER_FIELDS: Record<keyof ConversationListFilter, 'string' | 'number' | 'boolean'> = {
  type: 'string',
  markType: 'number',
  groupName: 'string',
  hasUnreadCount: 'boolean',
  hasGroupAtInfo: 'boolean',
};

function matches(conversation: Conversation, filter: Fields): boolean {
  const { type, markType, groupName, hasUnreadCount, hasGroupAtInfo } = filter as ConversationListFilter;
  if (type !== undefined && conversation.type !== type) return false;
  if (markType !== undefined && !conversation.markList.includes(markType)) return false;
  if (groupName !== undefined && !conversation.conversationGroupList.includes(groupName)) return false;
  if (hasUnreadCount !== undefined && conversation.unreadCount > 0 !== hasUnreadCount) return false;
  const atCount = conversation.groupAtInfoList?.length ?? 0;
  if (hasGroupAtInfo !== undefined && atCount > 0 !== hasGroupAtInfo) return false;
  return true;
}

/** deleteConversation, pinConversation, setMessageRemindType, markConversation, drafts, read-all, clearHistoryMessage. */
export class ConversationAPI {
  constructor(
    private readonly core: ChatCore,
    private readonly state: () => ConversationState,
  ) {}

  /** All conversations (pinned first, then newest), those named in an array, or those a filter object matches. */
  async getConversationList(options?: unknown): Promise<ChatResponse<ConversationListResult>> {
    this.core.requireReady();
    const all = this.state().conversations.list();
    let conversationList = all;
    if (Array.isArray(options)) {
      const wanted = new Set(options.map((id, i) => this.conversationIDAt(id, `options[${i}]`)));
      conversationList = all.filter((c) => wanted.has(c.conversationID));
    } else if (options !== undefined) {
      if (!isPlainObject(options))
        throw invalid(
          `getConversationList takes an array of conversationIDs or a filter object, got ${describe(options)}.`,
        );
      for (const [key, kind] of Object.entries(FILTER_FIELDS)) {
        const value = own(options, key);
        if (value !== undefined && typeof value !== kind)
          throw invalid(`${key} must be a ${kind}, got ${describe(value)}.`);
      }
      conversationList = all.filter((c) => matches(c, options));
    }
    return { code: 0, data: { conversationList, isSyncCompleted: true } };
  }

  /** The conversation as the list has it; one not in the list yet (no message so far) comes fresh, as the reference makes it. */
  async getConversationProfile(conversationID: string): Promise<ChatResponse<{ conversation: Conversation }>> {
    this.core.requireReady();
    const id = this.conversationIDAt(conversationID, 'conversationID');
    const parsed = parseConversationID(id)!;
    const conversation = this.state().conversations.get(id) ?? {
      conversationID: id,
      type: parsed.type,
      unreadCount: 0,
      lastMessage: null,
      ...(parsed.type === TYPES.CONV_C2C ? { userProfile: { userID: parsed.target, nick: '', avatar: '' } } : {}),
      ...(parsed.type === TYPES.CONV_GROUP ? { groupProfile: { groupID: parsed.target }, groupAtInfoList: [] } : {}),
      ...settingsOfWire({ conversationID: id, type: parsed.type, unreadCount: 0, lastMessage: null }),
    };
    return { code: 0, data: { conversation } };
  }

  /** One ID (answers `{ conversationID }`) or `{ conversationIDList, clearHistoryMessage }` (answers `{ conversationIDList }`). */
  async deleteConversation(options: string | DeleteConversationOptions) {
    if (typeof options === 'string') {
      await this.run('deleteConversation', { conversationIDList: [options], clearHistoryMessage: true });
      return { code: 0 as const, data: { conversationID: options } };
    }
    const fields = requireObject(options, 'deleteConversation options');
    const clearHistoryMessage = own(fields, 'clearHistoryMessage') ?? true;
    const d = checked('deleteConversation', {
      conversationIDList: own(fields, 'conversationIDList'),
      clearHistoryMessage,
    });
    await this.run('deleteConversation', d);
    return { code: 0 as const, data: { conversationIDList: d.conversationIDList } };
  }

  async clearHistoryMessage(conversationID: string): Promise<ChatResponse<Record<string, never>>> {
    await this.run('clearHistoryMessage', { conversationID });
    return { code: 0, data: {} };
  }

  async pinConversation(options: { conversationID: string; isPinned: boolean }) {
    const d = checked('pinConversation', options);
    await this.run('pinConversation', d);
    return { code: 0 as const, data: { conversationID: d.conversationID } };
  }

  async markConversation(options: MarkConversationOptions) {
    const d = checked('markConversation', options);
    await this.run('markConversation', d);
    return {
      code: 0 as const,
      data: { successConversationIDList: d.conversationIDList, failureConversationIDList: [] as string[] },
    };
  }

  async setConversationDraft(options: { conversationID: string; draftText: string }) {
    await this.run('setConversationDraft', options);
    return { code: 0 as const, data: {} };
  }

  async setConversationCustomData(options: { conversationIDList: string[]; customData: string }) {
    const d = checked('setConversationCustomData', options);
    await this.run('setConversationCustomData', d);
    return {
      code: 0 as const,
      data: { successConversationIDList: d.conversationIDList, failureConversationIDList: [] as string[] },
    };
  }

  /** `{ userIDList }` mutes or unmutes those C2C chats, `{ groupID }` that group. */
  async setMessageRemindType(options: MessageRemindTypeOptions) {
    const fields = requireObject(options, 'setMessageRemindType options');
    const messageRemindType = own(fields, 'messageRemindType');
    if (own(fields, 'groupID') !== undefined) {
      const group = parseWith(groupID, own(fields, 'groupID'), 'groupID', 'setMessageRemindType');
      await this.run('setMessageRemindType', { conversationIDList: [`GROUP${group}`], messageRemindType });
      return { code: 0 as const, data: { groupID: group } };
    }
    const users = parseWith(
      userIDList(MAX_REMIND_USERS_PER_CALL),
      own(fields, 'userIDList'),
      'userIDList',
      'setMessageRemindType',
    );
    await this.run('setMessageRemindType', {
      conversationIDList: users.map((userID) => `C2C${userID}`),
      messageRemindType,
    });
    return {
      code: 0 as const,
      data: {
        successUserIDList: users.map((userID) => ({ userID })),
        failureUserIDList: [] as Array<{ userID: string }>,
      },
    };
  }

  /** Every conversation in `scope` (TYPES.READ_ALL_*, default all) read, on every device. */
  async setAllMessageRead(options?: { scope?: ReadAllScope }): Promise<ChatResponse<Record<string, never>>> {
    const scope = options === undefined ? undefined : own(requireObject(options, 'setAllMessageRead options'), 'scope');
    await this.run('setAllMessageRead', { scope: scope ?? TYPES.READ_ALL_MSG });
    return { code: 0, data: {} };
  }

  /** Checked as the server checks it, sent, and its result applied to the local list (which emits the events). */
  async run<Op extends UpdatingOp>(op: Op, d: unknown): Promise<Operations[Op]['res']> {
    const connection = this.core.requireReady();
    const request = checked(op, d);
    const update = await connection.request(op, request);
    this.apply(update);
    return update;
  }

  /** An update from this device's answer or another device's push: the list changes, and a group action's events fire. */
  apply(update: ConversationUpdate): void {
    this.state().applyUpdate(update);
    if (update.conversationGroupList)
      this.core.emit(EVENT.CONVERSATION_GROUP_LIST_UPDATED, [...update.conversationGroupList]);
    const { groupName } = update;
    if (groupName !== undefined) {
      const conversationList = this.state()
        .conversations.list()
        .filter((c) => c.conversationGroupList.includes(groupName));
      this.core.emit(EVENT.CONVERSATION_IN_GROUP_UPDATED, { groupName, conversationList });
    }
  }

  private conversationIDAt(value: unknown, name: string): string {
    if (typeof value !== 'string' || !parseConversationID(value))
      throw invalid(`${name} must be C2C<userID>, GROUP<groupID> or @TIM#SYSTEM, got ${describe(value)}.`);
    return value;
  }
}
