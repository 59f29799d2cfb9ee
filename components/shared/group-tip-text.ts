import { GROUP_TIP_TEXT, TEXT, type Locale } from './spec';
import { numberOf, stringOf, stringsOf } from './message';

/** The lines of the tips that say what changed (profile, owner, muting) and of group system notices, by locale. */
const CHANGE_TEXT = {
  zh: {
    owner: (who: string) => `${who} 成为新的群主`,
    groupName: (op: string, value: string) => `${op} 将群名称修改为“${value}”`,
    introduction: (op: string) => `${op} 修改了群简介`,
    notification: (op: string) => `${op} 修改了群公告`,
    avatar: (op: string) => `${op} 修改了群头像`,
    muteAll: (op: string) => `${op} 开启了全员禁言`,
    unmuteAll: (op: string) => `${op} 取消了全员禁言`,
    joinOption: (op: string) => `${op} 修改了加群方式`,
    customField: (op: string) => `${op} 修改了群资料`,
    muted: (who: string, op: string) => `${who} 被 ${op} 禁言`,
    unmuted: (who: string, op: string) => `${who} 被 ${op} 取消禁言`,
  },
  en: {
    owner: (who: string) => `${who} is now the group owner`,
    groupName: (op: string, value: string) => `${op} renamed the group to “${value}”`,
    introduction: (op: string) => `${op} changed the group introduction`,
    notification: (op: string) => `${op} changed the group notice`,
    avatar: (op: string) => `${op} changed the group avatar`,
    muteAll: (op: string) => `${op} muted all members`,
    unmuteAll: (op: string) => `${op} unmuted all members`,
    joinOption: (op: string) => `${op} changed how to join`,
    customField: (op: string) => `${op} changed the group profile`,
    muted: (who: string, op: string) => `${who} was muted by ${op}`,
    unmuted: (who: string, op: string) => `${who} was unmuted by ${op}`,
  },
} as const satisfies Record<Locale, Record<string, (...args: string[]) => string>>;

/** Group system notices (conversation @TIM#SYSTEM) by `payload.operationType`, as the reference numbers them. */
const NOTICE_TEXT = {
  zh: {
    1: (op: string, group: string) => `${op} 申请加入 ${group}`,
    2: (op: string, group: string) => `${op} 同意了你加入 ${group}`,
    3: (op: string, group: string) => `${op} 拒绝了你加入 ${group}`,
    4: (op: string, group: string) => `你被 ${op} 移出了 ${group}`,
    5: (op: string, group: string) => `${op} 解散了 ${group}`,
    6: (_op: string, group: string) => `你创建了 ${group}`,
    7: (op: string, group: string) => `${op} 邀请你加入了 ${group}`,
    8: (_op: string, group: string) => `你退出了 ${group}`,
    9: (op: string, group: string) => `${op} 将你设为 ${group} 的管理员`,
    10: (op: string, group: string) => `${op} 取消了你在 ${group} 的管理员身份`,
  },
  en: {
    1: (op: string, group: string) => `${op} asks to join ${group}`,
    2: (op: string, group: string) => `${op} accepted your request to join ${group}`,
    3: (op: string, group: string) => `${op} declined your request to join ${group}`,
    4: (op: string, group: string) => `${op} removed you from ${group}`,
    5: (op: string, group: string) => `${op} dismissed ${group}`,
    6: (_op: string, group: string) => `You created ${group}`,
    7: (op: string, group: string) => `${op} added you to ${group}`,
    8: (_op: string, group: string) => `You left ${group}`,
    9: (op: string, group: string) => `${op} made you an admin of ${group}`,
    10: (op: string, group: string) => `${op} removed you as an admin of ${group}`,
  },
} as const satisfies Record<Locale, Record<number, (op: string, group: string) => string>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** GRP_TIP_GRP_PROFILE_UPDATED (6): the first change the tip names. */
function profileChange(changes: Record<string, unknown>, op: string, locale: Locale): string | null {
  const T = CHANGE_TEXT[locale];
  if (typeof changes.ownerID === 'string') return T.owner(changes.ownerID);
  if (typeof changes.groupName === 'string') return T.groupName(op, changes.groupName);
  if (typeof changes.muteAllMembers === 'boolean') return changes.muteAllMembers ? T.muteAll(op) : T.unmuteAll(op);
  for (const key of ['introduction', 'notification', 'avatar', 'joinOption'] as const)
    if (key in changes) return T[key](op);
  return 'groupCustomField' in changes ? T.customField(op) : null;
}

/** GRP_TIP_MBR_PROFILE_UPDATED (7): members muted (muteTime > 0) or unmuted. */
function muteChange(memberList: unknown[], op: string, locale: Locale): string | null {
  const members = memberList.filter(isRecord);
  if (members.length === 0) return null;
  const who = members.map((member) => stringOf(member.userID)).join(TEXT[locale].listSeparator);
  return numberOf(members[0].muteTime) > 0 ? CHANGE_TEXT[locale].muted(who, op) : CHANGE_TEXT[locale].unmuted(who, op);
}

/** One line for a group tip payload `{ operatorID, operationType, userIDList, newGroupProfile, memberList }`. */
export function groupTipText(payload: Record<string, unknown>, locale: Locale): string {
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
  const verbs: Record<number, string> = GROUP_TIP_TEXT[locale];
  const users = stringsOf(payload.userIDList);
  const who = users.length > 0 ? users.join(TEXT[locale].listSeparator) : op;
  const verb = verbs[type];
  return verb ? `${who} ${verb}`.trim() : stringOf(payload.description) || who;
}

/** One line for a group system notice payload `{ operationType, operatorID, groupProfile, handleMessage }`. */
export function groupNoticeText(payload: Record<string, unknown>, locale: Locale): string {
  const texts: Record<number, (op: string, group: string) => string> = NOTICE_TEXT[locale];
  const profile = isRecord(payload.groupProfile) ? payload.groupProfile : {};
  const group = stringOf(profile.name) || stringOf(profile.groupID);
  const line = texts[numberOf(payload.operationType)]?.(stringOf(payload.operatorID), group) ?? group;
  const note = stringOf(payload.handleMessage);
  return note ? `${line}: ${note}` : line;
}
