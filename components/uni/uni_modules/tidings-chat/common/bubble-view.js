// Generated from components/shared/bubble-view.ts by `npm run build:uni-shared`: edit that file, not this one.
import { TEXT } from "./spec.js";
import { groupNoticeText, groupTipText } from "./group-tip-text.js";
import { MSG, numberOf, stringOf, stringsOf } from "./message.js";
import { reEditText } from "./message-actions.js";
import { quoteOf } from "./quote-view.js";
import { textSegments } from "./text-segments.js";
import { formatSize } from "./time.js";
const MERGER_ABSTRACT_LINES = 4;
const imageInfosOf = (value) => (Array.isArray(value) ? value : []).map((info) => ({
  type: numberOf(info == null ? void 0 : info.type),
  url: stringOf(info == null ? void 0 : info.url),
  width: numberOf(info == null ? void 0 : info.width),
  height: numberOf(info == null ? void 0 : info.height)
}));
function imageOf(payload) {
  var _a, _b, _c, _d, _e, _f, _g, _h;
  const list = imageInfosOf(payload.imageInfoArray);
  const byType = (type) => list.find((info) => info.type === type);
  const shown = (_c = (_b = (_a = byType(2)) != null ? _a : byType(1)) != null ? _b : byType(0)) != null ? _c : list[0];
  const original = (_d = byType(0)) != null ? _d : shown;
  return {
    url: (_e = shown == null ? void 0 : shown.url) != null ? _e : "",
    original: (_f = original == null ? void 0 : original.url) != null ? _f : "",
    width: (_g = original == null ? void 0 : original.width) != null ? _g : 0,
    height: (_h = original == null ? void 0 : original.height) != null ? _h : 0
  };
}
const IMAGE_FACE = /^(https?:|\/|data:)/;
function bubbleView(message, selfUserID, locale) {
  var _a;
  const T = TEXT[locale];
  const name = message.nick || message.from || "";
  const base = {
    flow: message.flow === "out" ? "out" : "in",
    status: message.status,
    name,
    avatar: message.avatar || "",
    initial: ((_a = name[0]) != null ? _a : "?").toUpperCase()
  };
  if (message.isRevoked) {
    const revoker = message.revoker || message.from;
    const ownMessage = message.flow === "out";
    const who = revoker === message.from ? ownMessage ? T.you : name : revoker === selfUserID ? T.you : revoker;
    const notice = `${who} ${T.revoked}`.trim();
    const reEdit = reEditText(message, selfUserID);
    return { ...base, kind: "revoked", notice, label: notice, ...reEdit ? { reEdit } : {} };
  }
  const quote = quoteOf(message.cloudCustomData);
  const read = message.flow === "out" && message.conversationType === "C2C" && message.status === "success" ? message.isPeerRead ? "read" : "unread" : void 0;
  return { ...contentView(message, selfUserID, locale, base), ...quote ? { quote } : {}, ...read ? { read } : {} };
}
function contentView(message, selfUserID, locale, base) {
  var _a, _b;
  const T = TEXT[locale];
  const payload = (_a = message.payload) != null ? _a : {};
  switch (message.type) {
    case MSG.TEXT: {
      const text = stringOf(payload.text);
      const atUserList = ((_b = message.atUserList) == null ? void 0 : _b.length) ? message.atUserList : stringsOf(payload.atUserList);
      return { ...base, kind: "text", segments: textSegments(text, atUserList, selfUserID), label: text };
    }
    case MSG.IMAGE:
      return { ...base, kind: "image", image: imageOf(payload), label: T.image };
    case MSG.AUDIO: {
      const second = numberOf(payload.second);
      return {
        ...base,
        kind: "audio",
        audio: { url: stringOf(payload.url), second, duration: `${second}"` },
        label: `${T.voice} ${second}"`
      };
    }
    case MSG.VIDEO: {
      const second = numberOf(payload.videoSecond);
      return {
        ...base,
        kind: "video",
        video: { url: stringOf(payload.videoUrl), poster: stringOf(payload.thumbUrl), second, duration: `${second}"` },
        label: T.video
      };
    }
    case MSG.FILE: {
      const file = {
        name: stringOf(payload.fileName),
        size: formatSize(numberOf(payload.fileSize)),
        url: stringOf(payload.fileUrl)
      };
      return { ...base, kind: "file", file, label: `${T.file} ${file.name} ${file.size}`.trim() };
    }
    case MSG.FACE: {
      const data = stringOf(payload.data);
      const index = numberOf(payload.index);
      const image = IMAGE_FACE.test(data) ? data : "";
      return {
        ...base,
        kind: "face",
        face: { index, image, text: image ? "" : data || `[${T.face} ${index}]` },
        label: T.face
      };
    }
    case MSG.LOCATION: {
      const location = {
        description: stringOf(payload.description),
        latitude: numberOf(payload.latitude),
        longitude: numberOf(payload.longitude)
      };
      return { ...base, kind: "location", location, label: `${T.location} ${location.description}`.trim() };
    }
    case MSG.CUSTOM: {
      const description = stringOf(payload.description) || stringOf(payload.data);
      return { ...base, kind: "custom", custom: { description }, label: description };
    }
    case MSG.MERGER: {
      const title = stringOf(payload.title) || T.mergerTitle;
      return {
        ...base,
        kind: "merger",
        merger: { title, abstracts: stringsOf(payload.abstractList).slice(0, MERGER_ABSTRACT_LINES) },
        label: title
      };
    }
    case MSG.GROUP_TIP: {
      const notice = groupTipText(payload, locale);
      return { ...base, kind: "tip", notice, label: notice };
    }
    case MSG.GROUP_SYSTEM_NOTICE: {
      const notice = groupNoticeText(payload, locale);
      return { ...base, kind: "tip", notice, label: notice };
    }
    default:
      return { ...base, kind: "unknown", label: stringOf(payload.description) || message.type };
  }
}
function progressText(progress) {
  return progress >= 0 ? `${Math.round(Math.min(progress, 1) * 100)}%` : "";
}
export {
  MERGER_ABSTRACT_LINES,
  bubbleView,
  groupNoticeText,
  groupTipText,
  progressText
};
