import type { MessageRemindType, ReadAllScope } from '../../protocol/constants';

/** A user and the conversation, as that user names it, that an offline push would be for. */
export interface PushTarget {
  userID: string;
  conversationID: string;
}

/**
 * Each user's own settings of a conversation: deleted (hidden until a newer message), history
 * cleared up to a sequence, pinned, marks, draft, do-not-disturb. Every method that names
 * conversations of the list refuses (2500, nothing written) when one is not in the user's list.
 */
export interface ConversationStore {
  /** Hides the conversations and marks them read; `clearHistory` also hides their history from this user. */
  deleteConversations(app: number, userID: string, conversationIDs: string[], clearHistory: boolean): Promise<void>;
  /** This user no longer sees the conversation's messages up to its newest; it stays in the list. */
  clearHistory(app: number, userID: string, conversationID: string): Promise<void>;
  setPinned(app: number, userID: string, conversationID: string, pinned: boolean): Promise<void>;
  setMark(app: number, userID: string, conversationIDs: string[], markType: number, enable: boolean): Promise<void>;
  setDraft(app: number, userID: string, conversationID: string, draftText: string): Promise<void>;
  setCustomData(app: number, userID: string, conversationIDs: string[], customData: string): Promise<void>;
  /** Needs no conversation in the list: a chat can be muted before its first message. */
  setRemindType(app: number, userID: string, conversationIDs: string[], remindType: MessageRemindType): Promise<void>;
  /** Marks every listed conversation in `scope` read; answers those that had unread messages, with the sequence read up to. */
  readAll(
    app: number,
    userID: string,
    scope: ReadAllScope,
  ): Promise<Array<{ conversationID: string; readSequence: number }>>;
  /** The targets that muted their conversation (any remind type but AcceptAndNotify): no offline push for them. */
  mutedAmong(app: number, targets: PushTarget[]): Promise<string[]>;
  /** The user's conversation group names, oldest first. */
  conversationGroups(app: number, userID: string): Promise<string[]>;
  /** 51012 if the name is taken, 51010 past MAX_CONVERSATION_GROUPS. Answers the conversations it holds (those in the user's list). */
  createConversationGroup(app: number, userID: string, groupName: string, conversationIDs: string[]): Promise<string[]>;
  /** 51009 if there is no such group (these four). */
  deleteConversationGroup(app: number, userID: string, groupName: string): Promise<string[]>;
  renameConversationGroup(app: number, userID: string, oldName: string, newName: string): Promise<string[]>;
  /** Answers the conversations added (those in the user's list). */
  addToConversationGroup(app: number, userID: string, groupName: string, conversationIDs: string[]): Promise<string[]>;
  /** Answers the conversations that were in the group. */
  removeFromConversationGroup(
    app: number,
    userID: string,
    groupName: string,
    conversationIDs: string[],
  ): Promise<string[]>;
}
