import type { ChatCore } from './chat-core';
import type { ConversationAPI } from './conversation-actions';
import type { ChatResponse } from './types';

export interface ConversationGroupOptions {
  groupName: string;
  conversationIDList: string[];
}

/** What the reference answers for the conversations of a group action. */
export interface ConversationResults {
  successConversationIDList: string[];
  failureConversationIDList: Array<{ conversationID: string; code: number; message: string }>;
}

const NOT_LISTED = 2500;

function resultsOf(requested: readonly string[], failed: readonly string[]): ConversationResults {
  return {
    successConversationIDList: requested.filter((id) => !failed.includes(id)),
    failureConversationIDList: failed.map((conversationID) => ({
      conversationID,
      code: NOT_LISTED,
      message: `${conversationID} is not in your conversation list.`,
    })),
  };
}

/** createConversationGroup and the rest: each user's named sets of conversations, kept by the server for every device. */
export class ConversationGroupAPI {
  constructor(
    private readonly core: ChatCore,
    private readonly actions: ConversationAPI,
  ) {}

  async getConversationGroupList(): Promise<ChatResponse<string[]>> {
    const { conversationGroupList } = await this.core.requireReady().request('getConversationGroupList', {});
    return { code: 0, data: conversationGroupList };
  }

  async createConversationGroup(options: ConversationGroupOptions): Promise<ChatResponse<ConversationResults>> {
    const { failureConversationIDList } = await this.actions.run('createConversationGroup', options);
    return { code: 0, data: resultsOf(options.conversationIDList, failureConversationIDList) };
  }

  async deleteConversationGroup(groupName: string): Promise<ChatResponse<Record<string, never>>> {
    await this.actions.run('deleteConversationGroup', { groupName });
    return { code: 0, data: {} };
  }

  async renameConversationGroup(options: { oldName: string; newName: string }) {
    await this.actions.run('renameConversationGroup', options);
    return { code: 0 as const, data: {} };
  }

  async addConversationsToGroup(options: ConversationGroupOptions): Promise<ChatResponse<ConversationResults>> {
    const { failureConversationIDList } = await this.actions.run('addConversationsToGroup', options);
    return { code: 0, data: resultsOf(options.conversationIDList, failureConversationIDList) };
  }

  async deleteConversationsFromGroup(options: ConversationGroupOptions): Promise<ChatResponse<ConversationResults>> {
    const { failureConversationIDList } = await this.actions.run('deleteConversationsFromGroup', options);
    return { code: 0, data: resultsOf(options.conversationIDList, failureConversationIDList) };
  }
}
