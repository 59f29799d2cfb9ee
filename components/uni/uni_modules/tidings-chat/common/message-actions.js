// Generated from components/shared/message-actions.ts by `npm run build:uni-shared`: edit that file, not this one.
import { MSG, stringOf } from "./message.js";
const REVOKE_SECONDS = 120;
const REACTION_EMOJIS = ["👍", "❤️", "😂", "😮", "😢", "🎉"];
function messageActions(message, context) {
  if (message.isRevoked || message.type === MSG.GROUP_TIP) return [];
  const copy = message.type === MSG.TEXT ? ["copy"] : [];
  if (message.status === "unSend") return copy;
  if (message.status === "fail") return [...copy, "delete"];
  const own = message.from === context.selfUserID;
  const recent = context.nowSeconds - message.time <= context.revokeSeconds;
  const revocable = own && recent || context.groupManager && message.conversationType === "GROUP";
  return [...copy, "quote", "react", ...revocable ? ["revoke"] : [], "delete"];
}
function reEditText(message, selfUserID) {
  var _a;
  if (!message.isRevoked || message.type !== MSG.TEXT) return "";
  return message.from === selfUserID || message.flow === "out" ? stringOf((_a = message.payload) == null ? void 0 : _a.text) : "";
}
export {
  REACTION_EMOJIS,
  REVOKE_SECONDS,
  messageActions,
  reEditText
};
