/** `TencentCloudChat.TYPES` and `TencentCloudChat.EVENT`: names and values exactly as the reference has them. */

export const TYPES = Object.freeze({
  MSG_TEXT: 'TIMTextElem',
  MSG_IMAGE: 'TIMImageElem',
  MSG_AUDIO: 'TIMSoundElem',
  MSG_FILE: 'TIMFileElem',
  MSG_FACE: 'TIMFaceElem',
  MSG_VIDEO: 'TIMVideoFileElem',
  MSG_LOCATION: 'TIMLocationElem',
  MSG_GRP_TIP: 'TIMGroupTipElem',
  MSG_GRP_SYS_NOTICE: 'TIMGroupSystemNoticeElem',
  MSG_CUSTOM: 'TIMCustomElem',
  MSG_MERGER: 'TIMRelayElem',

  MSG_PRIORITY_HIGH: 'High',
  MSG_PRIORITY_NORMAL: 'Normal',
  MSG_PRIORITY_LOW: 'Low',
  MSG_PRIORITY_LOWEST: 'Lowest',

  CONV_C2C: 'C2C',
  CONV_GROUP: 'GROUP',
  CONV_TOPIC: 'TOPIC',
  CONV_SYSTEM: '@TIM#SYSTEM',

  CONV_AT_ME: 1,
  CONV_AT_ALL: 2,
  CONV_AT_ALL_AT_ME: 3,

  // The misspelling is the reference's real value.
  MSG_AT_ALL: '__kImSDK_MesssageAtALL__',

  GRP_WORK: 'Private',
  GRP_PUBLIC: 'Public',
  GRP_MEETING: 'ChatRoom',
  GRP_AVCHATROOM: 'AVChatRoom',
  GRP_COMMUNITY: 'Community',
  GRP_MBR_ROLE_OWNER: 'Owner',
  GRP_MBR_ROLE_ADMIN: 'Admin',
  GRP_MBR_ROLE_MEMBER: 'Member',

  NET_STATE_CONNECTED: 'connected',
  NET_STATE_CONNECTING: 'connecting',
  NET_STATE_DISCONNECTED: 'disconnected',

  KICKED_OUT_MULT_ACCOUNT: 'multipleAccount',
  KICKED_OUT_MULT_DEVICE: 'multipleDevice',
  KICKED_OUT_USERSIG_EXPIRED: 'userSigExpired',
  KICKED_OUT_REST_API: 'REST_API_Kick',

  SNS_ADD_TYPE_SINGLE: 'Add_Type_Single',
  SNS_ADD_TYPE_BOTH: 'Add_Type_Both',
  SNS_DELETE_TYPE_SINGLE: 'Delete_Type_Single',
  SNS_DELETE_TYPE_BOTH: 'Delete_Type_Both',
  SNS_APPLICATION_TYPE_BOTH: 'Pendency_Type_Both',
  SNS_APPLICATION_SENT_TO_ME: 'Pendency_Type_ComeIn',
  SNS_APPLICATION_SENT_BY_ME: 'Pendency_Type_SendOut',
  SNS_APPLICATION_AGREE: 'Response_Action_Agree',
  SNS_APPLICATION_AGREE_AND_ADD: 'Response_Action_AgreeAndAdd',
  SNS_CHECK_TYPE_BOTH: 'CheckResult_Type_Both',
  SNS_CHECK_TYPE_SINGLE: 'CheckResult_Type_Single',
  SNS_TYPE_NO_RELATION: 'CheckResult_Type_NoRelation',
  SNS_TYPE_A_WITH_B: 'CheckResult_Type_AWithB',
  SNS_TYPE_B_WITH_A: 'CheckResult_Type_BWithA',
  SNS_TYPE_BOTH_WAY: 'CheckResult_Type_BothWay',

  ALLOW_TYPE_ALLOW_ANY: 'AllowType_Type_AllowAny',
  ALLOW_TYPE_NEED_CONFIRM: 'AllowType_Type_NeedConfirm',
  ALLOW_TYPE_DENY_ANY: 'AllowType_Type_DenyAny',
} as const);

export const EVENT = Object.freeze({
  SDK_READY: 'sdkStateReady',
  SDK_NOT_READY: 'sdkStateNotReady',
  MESSAGE_RECEIVED: 'onMessageReceived',
  MESSAGE_MODIFIED: 'onMessageModified',
  MESSAGE_REVOKED: 'onMessageRevoked',
  MESSAGE_READ_BY_PEER: 'onMessageReadByPeer',
  MESSAGE_READ_RECEIPT_RECEIVED: 'onMessageReadReceiptReceived',
  CONVERSATION_LIST_UPDATED: 'onConversationListUpdated',
  TOTAL_UNREAD_MESSAGE_COUNT_UPDATED: 'onTotalUnreadMessageCountUpdated',
  GROUP_LIST_UPDATED: 'onGroupListUpdated',
  KICKED_OUT: 'kickedOut',
  ERROR: 'error',
  NET_STATE_CHANGE: 'netStateChange',
  // Tidings additions (the reference has no such events): the outbox's own messages.
  /** A message of this instance was handed to sendMessage/resendMessage, or its status or upload progress changed. */
  MESSAGE_STATUS_CHANGED: 'onMessageStatusChanged',
  /** The outcome of a message restored from the outbox after a restart (nobody holds its sendMessage promise). */
  MESSAGE_SEND_RESULT: 'onMessageSendResult',
  BLACKLIST_UPDATED: 'blacklistUpdated',
  FRIEND_LIST_UPDATED: 'onFriendListUpdated',
  FRIEND_APPLICATION_LIST_UPDATED: 'onFriendApplicationListUpdated',
  TOPIC_CREATED: 'onTopicCreated',
  TOPIC_DELETED: 'onTopicDeleted',
  TOPIC_UPDATED: 'onTopicUpdated',
  FRIEND_GROUP_LIST_UPDATED: 'onFriendGroupListUpdated',
} as const);

type ValueOf<T> = T[keyof T];

export type MessageType =
  | typeof TYPES.MSG_TEXT
  | typeof TYPES.MSG_IMAGE
  | typeof TYPES.MSG_AUDIO
  | typeof TYPES.MSG_FILE
  | typeof TYPES.MSG_FACE
  | typeof TYPES.MSG_VIDEO
  | typeof TYPES.MSG_LOCATION
  | typeof TYPES.MSG_GRP_TIP
  | typeof TYPES.MSG_GRP_SYS_NOTICE
  | typeof TYPES.MSG_CUSTOM
  | typeof TYPES.MSG_MERGER;

export type MessagePriority =
  | typeof TYPES.MSG_PRIORITY_HIGH
  | typeof TYPES.MSG_PRIORITY_NORMAL
  | typeof TYPES.MSG_PRIORITY_LOW
  | typeof TYPES.MSG_PRIORITY_LOWEST;

export type ConversationType =
  typeof TYPES.CONV_C2C | typeof TYPES.CONV_GROUP | typeof TYPES.CONV_TOPIC | typeof TYPES.CONV_SYSTEM;

export type GroupType =
  | typeof TYPES.GRP_WORK
  | typeof TYPES.GRP_PUBLIC
  | typeof TYPES.GRP_MEETING
  | typeof TYPES.GRP_AVCHATROOM
  | typeof TYPES.GRP_COMMUNITY;

export const GROUP_TYPES: readonly GroupType[] = [
  TYPES.GRP_WORK,
  TYPES.GRP_PUBLIC,
  TYPES.GRP_MEETING,
  TYPES.GRP_AVCHATROOM,
  TYPES.GRP_COMMUNITY,
];

export type GroupRole =
  typeof TYPES.GRP_MBR_ROLE_OWNER | typeof TYPES.GRP_MBR_ROLE_ADMIN | typeof TYPES.GRP_MBR_ROLE_MEMBER;

export type NetState =
  typeof TYPES.NET_STATE_CONNECTED | typeof TYPES.NET_STATE_CONNECTING | typeof TYPES.NET_STATE_DISCONNECTED;

export type EventName = ValueOf<typeof EVENT>;

/** The message types a client sends, merges and forwards; group tips and system notices come only from the server. */
export const SENDABLE_MESSAGE_TYPES: readonly MessageType[] = [
  TYPES.MSG_TEXT,
  TYPES.MSG_IMAGE,
  TYPES.MSG_AUDIO,
  TYPES.MSG_VIDEO,
  TYPES.MSG_FILE,
  TYPES.MSG_CUSTOM,
  TYPES.MSG_FACE,
  TYPES.MSG_LOCATION,
  TYPES.MSG_MERGER,
];

export const PRIORITIES: readonly MessagePriority[] = [
  TYPES.MSG_PRIORITY_HIGH,
  TYPES.MSG_PRIORITY_NORMAL,
  TYPES.MSG_PRIORITY_LOW,
  TYPES.MSG_PRIORITY_LOWEST,
];
