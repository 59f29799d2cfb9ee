// Generated from components/shared/quote-reply.ts by `npm run build:uni-shared`: edit that file, not this one.
import { MSG, stringOf } from "./message.js";
import { messageSummary } from "./summary.js";
const QUOTE_REPLY_VERSION = 1;
const ELEM_TYPE_CODES = Object.freeze({
  [MSG.TEXT]: 1,
  [MSG.CUSTOM]: 2,
  [MSG.IMAGE]: 3,
  [MSG.AUDIO]: 4,
  [MSG.VIDEO]: 5,
  [MSG.FILE]: 6,
  [MSG.LOCATION]: 7,
  [MSG.FACE]: 8,
  [MSG.GROUP_TIP]: 9,
  [MSG.MERGER]: 10
});
function elemTypeCode(type) {
  var _a;
  return (_a = ELEM_TYPE_CODES[type]) != null ? _a : 0;
}
function messageTypeOfCode(code) {
  var _a;
  return (_a = Object.keys(ELEM_TYPE_CODES).find((type) => ELEM_TYPE_CODES[type] === code)) != null ? _a : "";
}
function buildQuoteReply(quoted, locale = "zh") {
  const reply = {
    messageAbstract: messageSummary(quoted, locale),
    messageSender: quoted.nick || quoted.from,
    messageType: elemTypeCode(quoted.type),
    messageID: quoted.ID,
    version: QUOTE_REPLY_VERSION
  };
  if (quoted.time) reply.messageTime = quoted.time;
  if (quoted.sequence) reply.messageSequence = quoted.sequence;
  return reply;
}
function objectOf(json) {
  if (!json) return null;
  try {
    const value = JSON.parse(json);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
  } catch (e) {
    return null;
  }
}
function quoteReplyCloudCustomData(quoted, existing = "", locale = "zh") {
  var _a;
  return JSON.stringify({ ...(_a = objectOf(existing)) != null ? _a : {}, messageReply: buildQuoteReply(quoted, locale) });
}
function parseQuoteReply(cloudCustomData) {
  var _a;
  const reply = (_a = objectOf(cloudCustomData != null ? cloudCustomData : "")) == null ? void 0 : _a.messageReply;
  if (typeof reply !== "object" || reply === null || Array.isArray(reply)) return null;
  const fields = reply;
  const messageID = stringOf(fields.messageID);
  if (!messageID) return null;
  const type = fields.messageType;
  const parsed = {
    messageAbstract: stringOf(fields.messageAbstract),
    messageSender: stringOf(fields.messageSender),
    messageType: typeof type === "number" ? type : elemTypeCode(stringOf(type)),
    messageID,
    version: typeof fields.version === "number" ? fields.version : QUOTE_REPLY_VERSION
  };
  if (typeof fields.messageTime === "number") parsed.messageTime = fields.messageTime;
  if (typeof fields.messageSequence === "number") parsed.messageSequence = fields.messageSequence;
  if (typeof fields.messageRootID === "string" && fields.messageRootID) parsed.messageRootID = fields.messageRootID;
  return parsed;
}
export {
  ELEM_TYPE_CODES,
  QUOTE_REPLY_VERSION,
  buildQuoteReply,
  elemTypeCode,
  messageTypeOfCode,
  parseQuoteReply,
  quoteReplyCloudCustomData
};
