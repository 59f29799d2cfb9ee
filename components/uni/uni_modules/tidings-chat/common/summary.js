// Generated from components/shared/summary.ts by `npm run build:uni-shared`: edit that file, not this one.
import { SUMMARY_TEXT } from "./spec.js";
import { MSG, stringOf } from "./message.js";
import { groupNoticeText, groupTipText } from "./group-tip-text.js";
const BRACKETED = {
  [MSG.IMAGE]: "image",
  [MSG.AUDIO]: "voice",
  [MSG.VIDEO]: "video",
  [MSG.FILE]: "file",
  [MSG.FACE]: "face",
  [MSG.LOCATION]: "location",
  [MSG.CUSTOM]: "custom",
  [MSG.MERGER]: "merger"
};
function messageSummary(message, locale) {
  var _a;
  const texts = SUMMARY_TEXT[locale];
  const payload = (_a = message.payload) != null ? _a : {};
  if (message.isRevoked) return texts.revoked;
  if (message.type === MSG.TEXT) return stringOf(payload.text) || stringOf(message.messageForShow);
  if (message.type === MSG.GROUP_TIP) return groupTipText(payload, locale);
  if (message.type === MSG.GROUP_SYSTEM_NOTICE) return groupNoticeText(payload, locale);
  const key = BRACKETED[message.type];
  return key ? texts[key] : stringOf(message.messageForShow);
}
export {
  messageSummary
};
