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
    addFriend: { to: world.peer, remark: 'fuzz', source: 'AddSource_Type_Fuzz', wording: 'hi', type: 'Add_Type_Both' },
    deleteFriend: { userIDList: ['nobody'], type: 'Delete_Type_Both' },
    getFriendList: {},
    addToBlacklist: { userIDList: ['nobody'] },
    getBlacklist: {},
    removeFromBlacklist: { userIDList: ['nobody'] },
    getFriendApplicationList: {},
    acceptFriendApplication: { userID: world.peer, remark: 'fuzz', type: 'Response_Action_AgreeAndAdd' },
    refuseFriendApplication: { userID: world.peer },
    deleteFriendApplication: { userID: world.peer, type: 'Pendency_Type_ComeIn' },
    setFriendApplicationRead: {},
    checkFriend: { userIDList: [world.peer], type: 'CheckResult_Type_Both' },
    getFriendProfile: { userIDList: [world.peer] },
    getFriendGroupList: {},
    createFriendGroup: { name: 'fuzz', userIDList: [world.peer] },
    addToFriendGroup: { name: 'fuzz', userIDList: [world.peer] },
    removeFromFriendGroup: { name: 'fuzz', userIDList: [world.peer] },
    renameFriendGroup: { oldName: 'fuzz', newName: 'fuzzed' },
    deleteFriendGroup: { name: 'fuzzed' },
    getJoinedCommunityList: {},
    createTopicInCommunity: { groupID: world.groupID, topicName: 'fuzz' },
    deleteTopicFromCommunity: { groupID: world.groupID, topicIDList: [`${world.groupID}@TOPIC#_x`] },
    updateTopicProfile: { groupID: world.groupID, topicID: `${world.groupID}@TOPIC#_x`, topicName: 'fuzz' },
    getTopicList: { groupID: world.groupID },
    updateFriend: { userID: world.peer, remark: 'fuzz', friendCustomField: [{ key: 'Tag_SNS_Custom_k', value: 'v' }] },
    sendMessageReadReceipt: { messageList: [peerMessage] },
    getMessageReadReceiptList: { messageList: [peerMessage] },
    setMessageExtensions: { message: peerMessage, extensions: [{ key: 'k', value: 'v' }] },
    getMessageExtensions: { message: peerMessage },
    deleteMessageExtensions: { message: peerMessage, keyList: ['k'] },
  };
}
