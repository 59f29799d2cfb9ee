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

  KEYWORD_LIST_MATCH_TYPE_OR: 'or',
  KEYWORD_LIST_MATCH_TYPE_AND: 'and',
  GENDER_UNKNOWN: 'Gender_Type_Unknown',
  GENDER_FEMALE: 'Gender_Type_Female',
  GENDER_MALE: 'Gender_Type_Male',
  ALLOW_TYPE_ALLOW_ANY: 'AllowType_Type_AllowAny',
  ALLOW_TYPE_NEED_CONFIRM: 'AllowType_Type_NeedConfirm',
  ALLOW_TYPE_DENY_ANY: 'AllowType_Type_DenyAny',
  FORBID_TYPE_NONE: 'AdminForbid_Type_None',
  FORBID_TYPE_SEND_OUT: 'AdminForbid_Type_SendOut',
  USER_STATUS_UNKNOWN: 0,
  USER_STATUS_ONLINE: 1,
  USER_STATUS_OFFLINE: 2,
  USER_STATUS_UNLOGINED: 3,
  MSG_REMIND_ACPT_AND_NOTE: 'AcceptAndNotify',
  MSG_REMIND_ACPT_NOT_NOTE: 'AcceptNotNotify',
  MSG_REMIND_DISCARD: 'Discard',

  // The runtime values (the published typings say 1, 2, 3, 4): each is one bit.
  CONV_MARK_TYPE_STAR: 1,
  CONV_MARK_TYPE_UNREAD: 2,
  CONV_MARK_TYPE_FOLD: 4,
  CONV_MARK_TYPE_HIDE: 8,

  READ_ALL_C2C_MSG: 'readAllC2CMessage',
  READ_ALL_GROUP_MSG: 'readAllGroupMessage',
  READ_ALL_MSG: 'readAllMessage',
  // Group tips: `payload.operationType` of a TIMGroupTipElem message.
  GRP_TIP_MBR_JOIN: 1,
  GRP_TIP_MBR_QUIT: 2,
  GRP_TIP_MBR_KICKED_OUT: 3,
  GRP_TIP_MBR_SET_ADMIN: 4,
  GRP_TIP_MBR_CANCELED_ADMIN: 5,
  GRP_TIP_GRP_PROFILE_UPDATED: 6,
  GRP_TIP_MBR_PROFILE_UPDATED: 7,
  GRP_TIP_BAN_AVCHATROOM_MEMBER: 10,
  GRP_TIP_UNBAN_AVCHATROOM_MEMBER: 11,

  JOIN_OPTIONS_FREE_ACCESS: 'FreeAccess',
  JOIN_OPTIONS_NEED_PERMISSION: 'NeedPermission',
  JOIN_OPTIONS_DISABLE_APPLY: 'DisableApply',
  JOIN_STATUS_SUCCESS: 'JoinedSuccess',
  JOIN_STATUS_WAIT_APPROVAL: 'WaitAdminApproval',
  JOIN_STATUS_ALREADY_IN_GROUP: 'AlreadyInGroup',
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
  // The reference's own again.
  MESSAGE_REACTIONS_UPDATED: 'onMessageReactionsUpdated',
  PROFILE_UPDATED: 'onProfileUpdated',
  USER_STATUS_UPDATED: 'onUserStatusUpdated',
  CONVERSATION_GROUP_LIST_UPDATED: 'onConversationGroupListUpdated',
  CONVERSATION_IN_GROUP_UPDATED: 'onConversationInGroupUpdated',
  GROUP_ATTRIBUTES_UPDATED: 'groupAttributesUpdated',
  GROUP_COUNTER_UPDATED: 'onGroupCounterUpdated',
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

/** The message types whose payload modifyMessage may change (the reference's list); cloudCustomData may change on any type. */
export const PAYLOAD_MODIFIABLE_TYPES: readonly MessageType[] = [
  TYPES.MSG_TEXT,
  TYPES.MSG_CUSTOM,
  TYPES.MSG_FACE,
  TYPES.MSG_LOCATION,
];

export type MessageRemindType =
  typeof TYPES.MSG_REMIND_ACPT_AND_NOTE | typeof TYPES.MSG_REMIND_ACPT_NOT_NOTE | typeof TYPES.MSG_REMIND_DISCARD;

export const MESSAGE_REMIND_TYPES: readonly MessageRemindType[] = [
  TYPES.MSG_REMIND_ACPT_AND_NOTE,
  TYPES.MSG_REMIND_ACPT_NOT_NOTE,
  TYPES.MSG_REMIND_DISCARD,
];

export const CONVERSATION_MARK_TYPES: readonly number[] = [
  TYPES.CONV_MARK_TYPE_STAR,
  TYPES.CONV_MARK_TYPE_UNREAD,
  TYPES.CONV_MARK_TYPE_FOLD,
  TYPES.CONV_MARK_TYPE_HIDE,
];

export type ReadAllScope = typeof TYPES.READ_ALL_C2C_MSG | typeof TYPES.READ_ALL_GROUP_MSG | typeof TYPES.READ_ALL_MSG;

export const READ_ALL_SCOPES: readonly ReadAllScope[] = [
  TYPES.READ_ALL_C2C_MSG,
  TYPES.READ_ALL_GROUP_MSG,
  TYPES.READ_ALL_MSG,
];
export type JoinOption =
  | typeof TYPES.JOIN_OPTIONS_FREE_ACCESS
  | typeof TYPES.JOIN_OPTIONS_NEED_PERMISSION
  | typeof TYPES.JOIN_OPTIONS_DISABLE_APPLY;

export const JOIN_OPTIONS: readonly JoinOption[] = [
  TYPES.JOIN_OPTIONS_FREE_ACCESS,
  TYPES.JOIN_OPTIONS_NEED_PERMISSION,
  TYPES.JOIN_OPTIONS_DISABLE_APPLY,
];

export type JoinStatus =
  typeof TYPES.JOIN_STATUS_SUCCESS | typeof TYPES.JOIN_STATUS_WAIT_APPROVAL | typeof TYPES.JOIN_STATUS_ALREADY_IN_GROUP;

/**
 * `payload.operationType` of a TIMGroupSystemNoticeElem message (conversation `@TIM#SYSTEM`), as the
 * reference numbers them; the reference's TYPES has no names for these.
 */
export const GROUP_SYSTEM_NOTICE = Object.freeze({
  JOIN_REQUEST: 1,
  JOIN_REQUEST_ACCEPTED: 2,
  JOIN_REQUEST_REFUSED: 3,
  KICKED_OUT: 4,
  GROUP_DISMISSED: 5,
  GROUP_CREATED: 6,
  INVITED: 7,
  QUIT: 8,
  SET_ADMIN: 9,
  CANCELED_ADMIN: 10,
} as const);
