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
import type { WireMessage } from '../protocol/messages';
import { GroupManagementAPI, type HandleGroupApplicationOptions } from './group-management';
import type { GroupRole } from '../protocol/constants';
import type {
  GroupAttributes,
  GroupCounters,
  UpdateGroupProfileRequest,
  WireCustomField,
} from '../protocol/group-management';
import type { Message } from './message';
import { MessageActionAPI, type GetMessageListHoppingOptions } from './message-actions';
import { MessageCreation } from './message-creation';
import { ReceiptAPI, type MessageExtension } from './receipts';
import { RelationAPI, type AddFriendOptions } from './relations';
import { TopicAPI, type CreateTopicOptions, type UpdateTopicOptions } from './topics';
import type { ChatEventMap } from './types';
import { ReactionAPI } from './reactions';
import { MessageServicesAPI, type SearchCloudMessagesOptions } from './message-services';
import type { TranslateTextRequest } from '../protocol/chat-actions';
import { ProfileAPI, type UpdateMyProfileOptions } from './profiles';
import { UserStatusAPI } from './user-status';

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
  protected readonly actions = new MessageActionAPI({
    core: this.core,
    toMessage: (wire) => this.messageFromWire(wire),
    revised: (message) => this.messageRevised(message),
    deleted: (conversationID) => this.messagesDeleted(conversationID),
  });
  protected readonly reactions = new ReactionAPI(this.core);
  protected readonly messageServices = new MessageServicesAPI(this.core);
  protected readonly profiles = new ProfileAPI(this.core, () => this.profilesChanged());
  protected readonly userStatus = new UserStatusAPI(this.core);
  protected readonly conversationActions = new ConversationAPI(this.core, () => this.conversationState());
  protected readonly conversationGroups = new ConversationGroupAPI(this.core, this.conversationActions);
  protected readonly groupManagement = new GroupManagementAPI(this.core);
  protected readonly topics = new TopicAPI(this.core);

  protected abstract override requireReady(): Connection;
  protected abstract currentUserID(): string;
  /** A stored message as this user sees it: a new object, remembered for findMessage. */
  protected abstract messageFromWire(wire: WireMessage): Message;
  protected abstract messageRevised(message: Message): void;
  protected abstract messagesDeleted(conversationID: string): void;
  /** A nick, avatar or group name that the conversation list shows changed. */
  protected abstract profilesChanged(): void;
  protected abstract conversationState(): ConversationState;
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
  revokeMessage(message: Message) {
    return this.actions.revokeMessage(message);
  }
  deleteMessage(messageList: Message[]) {
    return this.actions.deleteMessage(messageList);
  }
  modifyMessage(message: Message) {
    return this.actions.modifyMessage(message);
  }
  findMessage(messageID: string) {
    return this.actions.findMessage(messageID);
  }
  getMessageListHopping(options: GetMessageListHoppingOptions) {
    return this.actions.getMessageListHopping(options);
  }
  addMessageReaction(message: Message, reactionID: string) {
    return this.reactions.addMessageReaction(message, reactionID);
  }
  removeMessageReaction(message: Message, reactionID: string) {
    return this.reactions.removeMessageReaction(message, reactionID);
  }
  getMessageReactions(options: { messageList: Message[]; maxUserCountPerReaction?: number }) {
    return this.reactions.getMessageReactions(options);
  }
  getAllUserListOfMessageReaction(options: { message: Message; reactionID: string; nextSeq?: number; count?: number }) {
    return this.reactions.getAllUserListOfMessageReaction(options);
  }
  searchCloudMessages(options: SearchCloudMessagesOptions) {
    return this.messageServices.searchCloudMessages(options);
  }
  translateText(options: TranslateTextRequest) {
    return this.messageServices.translateText(options);
  }
  convertVoiceToText(options: { message: Message; language?: string }) {
    return this.messageServices.convertVoiceToText(options);
  }
  getMyProfile() {
    return this.profiles.getMyProfile();
  }
  getUserProfile(options: { userIDList: string[] }) {
    return this.profiles.getUserProfile(options);
  }
  updateMyProfile(options: UpdateMyProfileOptions) {
    return this.profiles.updateMyProfile(options);
  }
  setSelfStatus(options: { customStatus: string }) {
    return this.userStatus.setSelfStatus(options);
  }
  getUserStatus(options: { userIDList: string[] }) {
    return this.userStatus.getUserStatus(options);
  }
  subscribeUserStatus(options: { userIDList: string[] }) {
    return this.userStatus.subscribeUserStatus(options);
  }
  unsubscribeUserStatus(options?: { userIDList?: string[] }) {
    return this.userStatus.unsubscribeUserStatus(options);
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
