// Generated from components/shared/list-items.ts by `npm run build:uni-shared`: edit that file, not this one.
import { formatTime } from "./time.js";
const SEPARATOR_GAP_SECONDS = 5 * 60;
function itemID(messageID) {
  return `m${messageID.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}
function itemOf(message, previous, now = /* @__PURE__ */ new Date()) {
  const due = !previous || message.time - previous.time >= SEPARATOR_GAP_SECONDS;
  return { id: itemID(message.ID), message, timeText: due ? formatTime(message.time, now) : "" };
}
function itemsOf(messages, now = /* @__PURE__ */ new Date()) {
  return messages.map((message, index) => itemOf(message, messages[index - 1], now));
}
export {
  SEPARATOR_GAP_SECONDS,
  itemID,
  itemOf,
  itemsOf
};
