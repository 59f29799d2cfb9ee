import type { ChatCore } from './chat-core';
import type { Connection } from './connection';
import { GroupAPI, type CreateGroupOptions, type GroupMembersOptions } from './groups';
import type { Message } from './message';
import { MessageCreation } from './message-creation';
import { ReceiptAPI, type MessageExtension } from './receipts';
import { RelationAPI, type AddFriendOptions } from './relations';
import { TopicAPI, type CreateTopicOptions, type UpdateTopicOptions } from './topics';
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
  protected readonly topics = new TopicAPI(this.core);

  protected abstract override requireReady(): Connection;
  protected abstract currentUserID(): string;
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
  deleteFriend(options: Parameters<RelationAPI['deleteFriend']>[0]) {
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
  removeFromBlacklist(options: { userIDList: string[] }) {
    return this.relations.removeFromBlacklist(options);
  }
  getFriendProfile(options: Parameters<RelationAPI['getFriendProfile']>[0]) {
    return this.relations.getFriendProfile(options);
  }
  checkFriend(options: Parameters<RelationAPI['checkFriend']>[0]) {
    return this.relations.checkFriend(options);
  }
  updateFriend(options: Parameters<RelationAPI['updateFriend']>[0]) {
    return this.relations.updateFriend(options);
  }
  getFriendApplicationList() {
    return this.relations.getFriendApplicationList();
  }
  acceptFriendApplication(options: Parameters<RelationAPI['acceptFriendApplication']>[0]) {
    return this.relations.acceptFriendApplication(options);
  }
  refuseFriendApplication(options: Parameters<RelationAPI['refuseFriendApplication']>[0]) {
    return this.relations.refuseFriendApplication(options);
  }
  deleteFriendApplication(options: Parameters<RelationAPI['deleteFriendApplication']>[0]) {
    return this.relations.deleteFriendApplication(options);
  }
  setFriendApplicationRead() {
    return this.relations.setFriendApplicationRead();
  }
  getFriendGroupList() {
    return this.relations.getFriendGroupList();
  }
  createFriendGroup(options: { name: string; userIDList?: string[] }) {
    return this.relations.createFriendGroup(options);
  }
  deleteFriendGroup(options: { name: string }) {
    return this.relations.deleteFriendGroup(options);
  }
  addToFriendGroup(options: { name: string; userIDList: string[] }) {
    return this.relations.addToFriendGroup(options);
  }
  removeFromFriendGroup(options: { name: string; userIDList: string[] }) {
    return this.relations.removeFromFriendGroup(options);
  }
  renameFriendGroup(options: { oldName: string; newName: string }) {
    return this.relations.renameFriendGroup(options);
  }
  getJoinedCommunityList() {
    return this.topics.getJoinedCommunityList();
  }
  createTopicInCommunity(options: CreateTopicOptions) {
    return this.topics.createTopicInCommunity(options);
  }
  deleteTopicFromCommunity(options: { groupID: string; topicIDList?: string[] }) {
    return this.topics.deleteTopicFromCommunity(options);
  }
  updateTopicProfile(options: UpdateTopicOptions) {
    return this.topics.updateTopicProfile(options);
  }
  getTopicList(options: { groupID: string; topicIDList?: string[] }) {
    return this.topics.getTopicList(options);
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
}
