import type { ChatCore } from './chat-core';
import type { Connection } from './connection';
import { ConversationGroupAPI, type ConversationGroupOptions } from './conversation-groups';
import {
  ConversationAPI,
  type ConversationListFilter,
  type ConversationState,
  type DeleteConversationOptions,
  type MarkConversationOptions,
  type MessageRemindTypeOptions,
} from './conversation-actions';
import { GroupAPI, type CreateGroupOptions, type GroupMembersOptions } from './groups';
import type { Message } from './message';
import { MessageCreation } from './message-creation';
import { ReceiptAPI, type MessageExtension } from './receipts';
import { RelationAPI, type AddFriendOptions } from './relations';
import type { ChatEventMap } from './types';

/** The reference's group, relation, read-receipt and extension calls: each lives in its own module, and these delegate. */
export abstract class ChatFeatures extends MessageCreation {
  protected readonly core: ChatCore = {
    requireReady: () => this.requireReady(),
    userID: () => this.currentUserID(),
    emit: (event, data) => this.emitEvent(event, data),
  };
  protected readonly groups = new GroupAPI(this.core);
  protected readonly relations = new RelationAPI(this.core);
  protected readonly receipts = new ReceiptAPI(this.core);
  protected readonly conversationActions = new ConversationAPI(this.core, () => this.conversationState());
  protected readonly conversationGroups = new ConversationGroupAPI(this.core, this.conversationActions);

  protected abstract override requireReady(): Connection;
  protected abstract currentUserID(): string;
  protected abstract conversationState(): ConversationState;
  protected abstract emitEvent<E extends Extract<keyof ChatEventMap, string>>(event: E, data: ChatEventMap[E]): void;

  createGroup(options: CreateGroupOptions) {
    return this.groups.createGroup(options);
  }
  joinGroup(options: { groupID: string }) {
    return this.groups.joinGroup(options);
  }
  quitGroup(groupID: string) {
    return this.groups.quitGroup(groupID);
  }
  dismissGroup(groupID: string) {
    return this.groups.dismissGroup(groupID);
  }
  getGroupList() {
    return this.groups.getGroupList();
  }
  getGroupProfile(options: { groupID: string }) {
    return this.groups.getGroupProfile(options);
  }
  getGroupMemberList(options: { groupID: string; count?: number; offset?: number }) {
    return this.groups.getGroupMemberList(options);
  }
  addGroupMember(options: GroupMembersOptions) {
    return this.groups.addGroupMember(options);
  }
  deleteGroupMember(options: GroupMembersOptions) {
    return this.groups.deleteGroupMember(options);
  }
  addFriend(options: AddFriendOptions) {
    return this.relations.addFriend(options);
  }
  deleteFriend(options: { userIDList: string[] }) {
    return this.relations.deleteFriend(options);
  }
  getFriendList() {
    return this.relations.getFriendList();
  }
  addToBlacklist(options: { userIDList: string[] }) {
    return this.relations.addToBlacklist(options);
  }
  getBlacklist() {
    return this.relations.getBlacklist();
  }
  sendMessageReadReceipt(messageList: Message[]) {
    return this.receipts.sendMessageReadReceipt(messageList);
  }
  getMessageReadReceiptList(messageList: Message[]) {
    return this.receipts.getMessageReadReceiptList(messageList);
  }
  setMessageExtensions(message: Message, extensions: MessageExtension[]) {
    return this.receipts.setMessageExtensions(message, extensions);
  }
  getMessageExtensions(message: Message) {
    return this.receipts.getMessageExtensions(message);
  }
  deleteMessageExtensions(message: Message, keyList?: string[]) {
    return this.receipts.deleteMessageExtensions(message, keyList);
  }
  getConversationList(options?: string[] | ConversationListFilter) {
    return this.conversationActions.getConversationList(options);
  }
  getConversationProfile(conversationID: string) {
    return this.conversationActions.getConversationProfile(conversationID);
  }
  deleteConversation(options: string | DeleteConversationOptions) {
    return this.conversationActions.deleteConversation(options);
  }
  clearHistoryMessage(conversationID: string) {
    return this.conversationActions.clearHistoryMessage(conversationID);
  }
  pinConversation(options: { conversationID: string; isPinned: boolean }) {
    return this.conversationActions.pinConversation(options);
  }
  markConversation(options: MarkConversationOptions) {
    return this.conversationActions.markConversation(options);
  }
  setConversationDraft(options: { conversationID: string; draftText: string }) {
    return this.conversationActions.setConversationDraft(options);
  }
  setConversationCustomData(options: { conversationIDList: string[]; customData: string }) {
    return this.conversationActions.setConversationCustomData(options);
  }
  setMessageRemindType(options: MessageRemindTypeOptions) {
    return this.conversationActions.setMessageRemindType(options);
  }
  setAllMessageRead(options?: Parameters<ConversationAPI['setAllMessageRead']>[0]) {
    return this.conversationActions.setAllMessageRead(options);
  }
  getConversationGroupList() {
    return this.conversationGroups.getConversationGroupList();
  }
  createConversationGroup(options: ConversationGroupOptions) {
    return this.conversationGroups.createConversationGroup(options);
  }
  deleteConversationGroup(groupName: string) {
    return this.conversationGroups.deleteConversationGroup(groupName);
  }
  renameConversationGroup(options: { oldName: string; newName: string }) {
    return this.conversationGroups.renameConversationGroup(options);
  }
  addConversationsToGroup(options: ConversationGroupOptions) {
    return this.conversationGroups.addConversationsToGroup(options);
  }
  deleteConversationsFromGroup(options: ConversationGroupOptions) {
    return this.conversationGroups.deleteConversationsFromGroup(options);
  }
}
