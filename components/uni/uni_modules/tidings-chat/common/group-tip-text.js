// Generated from components/shared/group-tip-text.ts by `npm run build:uni-shared`: edit that file, not this one.
import { GROUP_TIP_TEXT, TEXT } from "./spec.js";
import { numberOf, stringOf, stringsOf } from "./message.js";
const CHANGE_TEXT = {
  zh: {
    owner: (who) => `${who} 成为新的群主`,
    groupName: (op, value) => `${op} 将群名称修改为“${value}”`,
    introduction: (op) => `${op} 修改了群简介`,
    notification: (op) => `${op} 修改了群公告`,
    avatar: (op) => `${op} 修改了群头像`,
    muteAll: (op) => `${op} 开启了全员禁言`,
    unmuteAll: (op) => `${op} 取消了全员禁言`,
    joinOption: (op) => `${op} 修改了加群方式`,
    customField: (op) => `${op} 修改了群资料`,
    muted: (who, op) => `${who} 被 ${op} 禁言`,
    unmuted: (who, op) => `${who} 被 ${op} 取消禁言`
  },
  en: {
    owner: (who) => `${who} is now the group owner`,
    groupName: (op, value) => `${op} renamed the group to “${value}”`,
    introduction: (op) => `${op} changed the group introduction`,
    notification: (op) => `${op} changed the group notice`,
    avatar: (op) => `${op} changed the group avatar`,
    muteAll: (op) => `${op} muted all members`,
    unmuteAll: (op) => `${op} unmuted all members`,
    joinOption: (op) => `${op} changed how to join`,
    customField: (op) => `${op} changed the group profile`,
    muted: (who, op) => `${who} was muted by ${op}`,
    unmuted: (who, op) => `${who} was unmuted by ${op}`
  }
};
const NOTICE_TEXT = {
  zh: {
    1: (op, group) => `${op} 申请加入 ${group}`,
    2: (op, group) => `${op} 同意了你加入 ${group}`,
    3: (op, group) => `${op} 拒绝了你加入 ${group}`,
    4: (op, group) => `你被 ${op} 移出了 ${group}`,
    5: (op, group) => `${op} 解散了 ${group}`,
    6: (_op, group) => `你创建了 ${group}`,
    7: (op, group) => `${op} 邀请你加入了 ${group}`,
    8: (_op, group) => `你退出了 ${group}`,
    9: (op, group) => `${op} 将你设为 ${group} 的管理员`,
    10: (op, group) => `${op} 取消了你在 ${group} 的管理员身份`
  },
  en: {
    1: (op, group) => `${op} asks to join ${group}`,
    2: (op, group) => `${op} accepted your request to join ${group}`,
    3: (op, group) => `${op} declined your request to join ${group}`,
    4: (op, group) => `${op} removed you from ${group}`,
    5: (op, group) => `${op} dismissed ${group}`,
    6: (_op, group) => `You created ${group}`,
    7: (op, group) => `${op} added you to ${group}`,
    8: (_op, group) => `You left ${group}`,
    9: (op, group) => `${op} made you an admin of ${group}`,
    10: (op, group) => `${op} removed you as an admin of ${group}`
  }
};
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function profileChange(changes, op, locale) {
  const T = CHANGE_TEXT[locale];
  if (typeof changes.ownerID === "string") return T.owner(changes.ownerID);
  if (typeof changes.groupName === "string") return T.groupName(op, changes.groupName);
  if (typeof changes.muteAllMembers === "boolean") return changes.muteAllMembers ? T.muteAll(op) : T.unmuteAll(op);
  for (const key of ["introduction", "notification", "avatar", "joinOption"])
    if (key in changes) return T[key](op);
  return "groupCustomField" in changes ? T.customField(op) : null;
}
function muteChange(memberList, op, locale) {
  const members = memberList.filter(isRecord);
  if (members.length === 0) return null;
  const who = members.map((member) => stringOf(member.userID)).join(TEXT[locale].listSeparator);
  return numberOf(members[0].muteTime) > 0 ? CHANGE_TEXT[locale].muted(who, op) : CHANGE_TEXT[locale].unmuted(who, op);
}
function groupTipText(payload, locale) {
  const op = stringOf(payload.operatorID);
  const type = numberOf(payload.operationType);
  if (type === 6 && isRecord(payload.newGroupProfile)) {
    const line = profileChange(payload.newGroupProfile, op, locale);
    if (line) return line;
  }
  if (type === 7 && Array.isArray(payload.memberList)) {
    const line = muteChange(payload.memberList, op, locale);
    if (line) return line;
  }
  const verbs = GROUP_TIP_TEXT[locale];
  const users = stringsOf(payload.userIDList);
  const who = users.length > 0 ? users.join(TEXT[locale].listSeparator) : op;
  const verb = verbs[type];
  return verb ? `${who} ${verb}`.trim() : stringOf(payload.description) || who;
}
function groupNoticeText(payload, locale) {
  var _a, _b;
  const texts = NOTICE_TEXT[locale];
  const profile = isRecord(payload.groupProfile) ? payload.groupProfile : {};
  const group = stringOf(profile.name) || stringOf(profile.groupID);
  const line = (_b = (_a = texts[numberOf(payload.operationType)]) == null ? void 0 : _a.call(texts, stringOf(payload.operatorID), group)) != null ? _b : group;
  const note = stringOf(payload.handleMessage);
  return note ? `${line}: ${note}` : line;
}
export {
  groupNoticeText,
  groupTipText
};
