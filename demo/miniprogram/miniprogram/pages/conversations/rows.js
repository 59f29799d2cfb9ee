// What the conversation list shows of each conversation: a title, the last message, the time and the unread badge.
const { messageSummary } = require('tidings/components/shared/summary');

const C2C = 'C2C';
/** The language the chat page's components use (chat.wxml locale="en"): the last messages follow it. */
const LOCALE = 'en';
const GROUP = 'GROUP';
// Group system notices (join requests, approvals, removals) arrive in this conversation.
const SYSTEM = '@TIM#SYSTEM';
const SYSTEM_TITLE = '系统通知 Notices';
/** TencentCloudChat.TYPES.MSG_REMIND_ACPT_NOT_NOTE: messages arrive, without a notification or an unread count shown. */
const MUTED = 'AcceptNotNotify';

function clock(seconds) {
  if (!seconds) return '';
  const date = new Date(seconds * 1000);
  const pad = (n) => (n < 10 ? `0${n}` : `${n}`);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `groupNames`: groupID → name, from getGroupList (a conversation names its group by ID only). */
function toRow(conversation, groupNames, selfUserID) {
  const isGroup = conversation.type === GROUP;
  const profile = (isGroup ? conversation.groupProfile : conversation.userProfile) || {};
  const peerID =
    (isGroup ? profile.groupID : profile.userID) || conversation.conversationID.replace(/^(C2C|GROUP)/, '');
  const last = conversation.lastMessage;
  let lastText = last ? messageSummary(last, LOCALE) : '';
  if (last && !last.isRevoked && isGroup && last.fromAccount !== selfUserID)
    lastText = `${last.fromAccount}: ${lastText}`;
  const unread = conversation.unreadCount;
  return {
    conversationID: conversation.conversationID,
    title: conversation.type === SYSTEM ? SYSTEM_TITLE : (isGroup ? groupNames[peerID] : profile.nick) || peerID,
    isGroup,
    lastText,
    time: last ? clock(last.lastTime) : '',
    badge: unread > 99 ? '99+' : unread > 0 ? String(unread) : '',
    atMe: Boolean(conversation.groupAtInfoList && conversation.groupAtInfoList.length > 0),
    avatar: isGroup ? '' : profile.avatar || '',
    isPinned: conversation.isPinned === true,
    isMuted: conversation.messageRemindType === MUTED,
  };
}

/** The rows of the list: pinned conversations first, each part in the SDK's order (newest message first). */
function toRows(conversations, groupNames, selfUserID) {
  const rows = conversations.map((conversation) => toRow(conversation, groupNames, selfUserID));
  return rows.filter((row) => row.isPinned).concat(rows.filter((row) => !row.isPinned));
}

module.exports = { toRow, toRows, C2C, MUTED };
