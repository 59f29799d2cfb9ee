// Generated from components/shared/message.ts by `npm run build:uni-shared`: edit that file, not this one.
const MSG = {
  TEXT: "TIMTextElem",
  IMAGE: "TIMImageElem",
  AUDIO: "TIMSoundElem",
  VIDEO: "TIMVideoFileElem",
  FILE: "TIMFileElem",
  FACE: "TIMFaceElem",
  LOCATION: "TIMLocationElem",
  CUSTOM: "TIMCustomElem",
  MERGER: "TIMRelayElem",
  GROUP_TIP: "TIMGroupTipElem",
  GROUP_SYSTEM_NOTICE: "TIMGroupSystemNoticeElem",
  AT_ALL: "__kImSDK_MesssageAtALL__"
};
const EVENTS = {
  MESSAGE_RECEIVED: "onMessageReceived",
  MESSAGE_REVOKED: "onMessageRevoked",
  MESSAGE_STATUS_CHANGED: "onMessageStatusChanged",
  MESSAGE_READ_BY_PEER: "onMessageReadByPeer",
  MESSAGE_REACTIONS_UPDATED: "onMessageReactionsUpdated"
};
const stringOf = (value) => typeof value === "string" ? value : "";
const numberOf = (value) => typeof value === "number" && Number.isFinite(value) ? value : 0;
const stringsOf = (value) => Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
function targetOf(conversationID) {
  if (conversationID.startsWith("C2C") && conversationID.length > 3)
    return { conversationType: "C2C", to: conversationID.slice(3) };
  if (conversationID.startsWith("GROUP") && conversationID.length > 5)
    return { conversationType: "GROUP", to: conversationID.slice(5) };
  return null;
}
export {
  EVENTS,
  MSG,
  numberOf,
  stringOf,
  stringsOf,
  targetOf
};
