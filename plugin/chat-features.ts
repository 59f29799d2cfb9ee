import type { ChatCore } from './chat-core';
import type { Connection } from './connection';
import { GroupAPI, type CreateGroupOptions, type GroupMembersOptions } from './groups';
import { GroupManagementAPI, type HandleGroupApplicationOptions } from './group-management';
import type { GroupRole } from '../protocol/constants';
import type {
  GroupAttributes,
  GroupCounters,
  UpdateGroupProfileRequest,
  WireCustomField,
} from '../protocol/group-management';
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
  protected readonly groupManagement = new GroupManagementAPI(this.core);

  protected abstract override requireReady(): Connection;
  protected abstract currentUserID(): string;
  protected abstract emitEvent<E extends Extract<keyof ChatEventMap, string>>(event: E, data: ChatEventMap[E]): void;

  createGroup(options: CreateGroupOptions) {
    return this.groups.createGroup(options);
  }
  joinGroup(options: { groupID: string; applyMessage?: string }) {
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
  updateGroupProfile(options: UpdateGroupProfileRequest) {
    return this.groupManagement.updateGroupProfile(options);
  }
  setGroupMemberRole(options: { groupID: string; userID: string; role: Exclude<GroupRole, 'Owner'> }) {
    return this.groupManagement.setGroupMemberRole(options);
  }
  changeGroupOwner(options: { groupID: string; newOwnerID: string }) {
    return this.groupManagement.changeGroupOwner(options);
  }
  setGroupMemberMuteTime(options: { groupID: string; userID: string; muteTime: number }) {
    return this.groupManagement.setGroupMemberMuteTime(options);
  }
  setGroupMemberNameCard(options: { groupID: string; userID?: string; nameCard: string }) {
    return this.groupManagement.setGroupMemberNameCard(options);
  }
  setGroupMemberCustomField(options: { groupID: string; userID?: string; memberCustomField: WireCustomField[] }) {
    return this.groupManagement.setGroupMemberCustomField(options);
  }
  getGroupMemberProfile(options: { groupID: string; userIDList: string[] }) {
    return this.groupManagement.getGroupMemberProfile(options);
  }
  getGroupOnlineMemberCount(groupID: string) {
    return this.groupManagement.getGroupOnlineMemberCount(groupID);
  }
  searchGroupByID(groupID: string) {
    return this.groupManagement.searchGroupByID(groupID);
  }
  getGroupApplicationList() {
    return this.groupManagement.getGroupApplicationList();
  }
  handleGroupApplication(options: HandleGroupApplicationOptions) {
    return this.groupManagement.handleGroupApplication(options);
  }
  initGroupAttributes(options: { groupID: string; groupAttributes: GroupAttributes }) {
    return this.groupManagement.initGroupAttributes(options);
  }
  setGroupAttributes(options: { groupID: string; groupAttributes: GroupAttributes }) {
    return this.groupManagement.setGroupAttributes(options);
  }
  deleteGroupAttributes(options: { groupID: string; keyList: string[] }) {
    return this.groupManagement.deleteGroupAttributes(options);
  }
  getGroupAttributes(options: { groupID: string; keyList?: string[] }) {
    return this.groupManagement.getGroupAttributes(options);
  }
  setGroupCounters(options: { groupID: string; counters: GroupCounters }) {
    return this.groupManagement.setGroupCounters(options);
  }
  increaseGroupCounter(options: { groupID: string; key: string; value: number }) {
    return this.groupManagement.increaseGroupCounter(options);
  }
  decreaseGroupCounter(options: { groupID: string; key: string; value: number }) {
    return this.groupManagement.decreaseGroupCounter(options);
  }
  getGroupCounters(options: { groupID: string; keyList?: string[] }) {
    return this.groupManagement.getGroupCounters(options);
  }
}
