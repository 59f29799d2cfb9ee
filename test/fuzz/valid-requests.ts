import type { OperationName, Operations } from '../../protocol/operations';

/** The users, group and message a valid request can name: they exist on the server before the first frame. */
export interface FuzzWorld {
  SDKAppID: number;
  /** The user the attacking sockets are logged in as, and a fresh userSig for it. */
  self: string;
  userSig: string;
  /** Another user, a friend and group member of `self`. */
  peer: string;
  /** A Public group both are in. */
  groupID: string;
  /** A message `peer` sent `self` with needReadReceipt and isSupportExtension, so receipts and extensions reach their checks. */
  peerMessageID: string;
}

export type ValidRequests = { [Op in OperationName]: Operations[Op]['req'] };

/** One valid request `d` per operation: what the server accepts (the seeds the fuzzer mutates, and a quick reference of each op's shape). */
export function validRequests(world: FuzzWorld): ValidRequests {
  const peerMessage = { conversationID: `C2C${world.peer}`, ID: world.peerMessageID };
  return {
    login: { SDKAppID: world.SDKAppID, userID: world.self, userSig: world.userSig, protocolVersion: 1 },
    ping: {},
    send: {
      ID: 'fuzz-seed-message',
      type: 'TIMTextElem',
      conversationType: 'GROUP',
      to: world.groupID,
      payload: { text: 'hello @peer', atUserList: [world.peer] },
      atUserList: [world.peer],
      priority: 'Normal',
      cloudCustomData: '',
      needReadReceipt: true,
      isSupportExtension: true,
      offlinePushInfo: { title: 'hi', disablePush: false },
      messageControlInfo: { excludedFromUnreadCount: false },
    },
    getMessageList: { conversationID: `C2C${world.peer}`, count: 15 },
    getConversationList: {},
    setMessageRead: { conversationID: `GROUP${world.groupID}` },
    uploadToken: {},
    createGroup: { name: 'fuzzed', type: 'Public', groupID: 'fuzz-created', memberList: [{ userID: world.peer }] },
    joinGroup: { groupID: world.groupID },
    quitGroup: { groupID: 'fuzz-created' },
    dismissGroup: { groupID: 'fuzz-created' },
    getGroupList: {},
    getGroupProfile: { groupID: world.groupID },
    getGroupMemberList: { groupID: world.groupID, count: 10, offset: 0 },
    addGroupMember: { groupID: world.groupID, userIDList: [world.peer] },
    deleteGroupMember: { groupID: 'fuzz-created', userIDList: [world.peer] },
    addFriend: { to: world.peer, remark: 'fuzz' },
    deleteFriend: { userIDList: ['nobody'] },
    getFriendList: {},
    addToBlacklist: { userIDList: ['nobody'] },
    getBlacklist: {},
    sendMessageReadReceipt: { messageList: [peerMessage] },
    getMessageReadReceiptList: { messageList: [peerMessage] },
    setMessageExtensions: { message: peerMessage, extensions: [{ key: 'k', value: 'v' }] },
    getMessageExtensions: { message: peerMessage },
    deleteMessageExtensions: { message: peerMessage, keyList: ['k'] },
    revokeMessage: { message: peerMessage },
    deleteMessage: { messageList: [peerMessage] },
    modifyMessage: { message: peerMessage, version: 0, payload: { text: 'edited' }, cloudCustomData: '' },
    getMessageListHopping: { conversationID: `C2C${world.peer}`, sequence: 1, direction: 1, count: 15 },
    addMessageReaction: { message: peerMessage, reactionID: '[TUIEmoji_Smile]' },
    removeMessageReaction: { message: peerMessage, reactionID: '[TUIEmoji_Smile]' },
    getMessageReactions: { messageList: [peerMessage], maxUserCountPerReaction: 5 },
    getAllUserListOfMessageReaction: { message: peerMessage, reactionID: '[TUIEmoji_Smile]', nextSeq: 0, count: 20 },
    searchCloudMessages: {
      keywordList: ['hello', '你好'],
      keywordListMatchType: 'or',
      senderUserIDList: [world.peer],
      messageTypeList: ['TIMTextElem'],
      conversationID: `GROUP${world.groupID}`,
      timePosition: 0,
      timePeriod: 86400,
    },
    translateText: { sourceTextList: ['hello'], source: 'auto', target: 'zh' },
    convertVoiceToText: { message: peerMessage, language: 'en' },
    getMyProfile: {},
    getUserProfile: { userIDList: [world.peer] },
    updateMyProfile: {
      nick: 'fuzz',
      gender: 'Gender_Type_Male',
      birthday: 20000101,
      profileCustomField: [{ key: 'Tag_Profile_Custom_fuzz', value: 'v' }],
    },
    setSelfStatus: { customStatus: 'fuzzing' },
    getUserStatus: { userIDList: [world.peer] },
    subscribeUserStatus: { userIDList: [world.peer] },
    unsubscribeUserStatus: { userIDList: [world.peer] },
    deleteConversation: { conversationIDList: [`C2C${world.peer}`], clearHistoryMessage: false },
    clearHistoryMessage: { conversationID: `GROUP${world.groupID}` },
    pinConversation: { conversationID: `GROUP${world.groupID}`, isPinned: true },
    markConversation: { conversationIDList: [`GROUP${world.groupID}`], markType: 1, enableMark: true },
    setConversationDraft: { conversationID: `GROUP${world.groupID}`, draftText: 'fuzz draft' },
    setMessageRemindType: { conversationIDList: [`GROUP${world.groupID}`], messageRemindType: 'AcceptNotNotify' },
    setAllMessageRead: { scope: 'readAllMessage' },
    getConversationGroupList: {},
    createConversationGroup: { groupName: 'fuzz', conversationIDList: [`GROUP${world.groupID}`] },
    deleteConversationGroup: { groupName: 'fuzz' },
    renameConversationGroup: { oldName: 'fuzz', newName: 'fuzzed' },
    addConversationsToGroup: { groupName: 'fuzz', conversationIDList: [`C2C${world.peer}`] },
    deleteConversationsFromGroup: { groupName: 'fuzz', conversationIDList: [`C2C${world.peer}`] },
    setConversationCustomData: { conversationIDList: [`GROUP${world.groupID}`], customData: 'fuzz' },
    updateGroupProfile: { groupID: world.groupID, introduction: 'fuzz', muteAllMembers: false },
    setGroupMemberRole: { groupID: world.groupID, userID: world.peer, role: 'Admin' },
    changeGroupOwner: { groupID: 'fuzz-created', newOwnerID: world.peer },
    setGroupMemberMuteTime: { groupID: world.groupID, userID: world.peer, muteTime: 0 },
    setGroupMemberNameCard: { groupID: world.groupID, nameCard: 'fuzz' },
    setGroupMemberCustomField: { groupID: world.groupID, memberCustomField: [{ key: 'k', value: 'v' }] },
    getGroupMemberProfile: { groupID: world.groupID, userIDList: [world.peer] },
    getGroupOnlineMemberCount: { groupID: world.groupID },
    searchGroupByID: { groupID: world.groupID },
    getGroupApplicationList: {},
    handleGroupApplication: { groupID: world.groupID, applicant: world.peer, handleAction: 'Reject' },
    initGroupAttributes: { groupID: world.groupID, groupAttributes: { k: 'v' } },
    setGroupAttributes: { groupID: world.groupID, groupAttributes: { k: 'w' } },
    deleteGroupAttributes: { groupID: world.groupID, keyList: ['k'] },
    getGroupAttributes: { groupID: world.groupID, keyList: ['k'] },
    setGroupCounters: { groupID: world.groupID, counters: { c: 1 } },
    increaseGroupCounter: { groupID: world.groupID, key: 'c', value: 2 },
    decreaseGroupCounter: { groupID: world.groupID, key: 'c', value: 1 },
    getGroupCounters: { groupID: world.groupID },
  };
}
