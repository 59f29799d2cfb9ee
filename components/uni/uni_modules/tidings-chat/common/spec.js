// Generated from components/shared/spec.ts by `npm run build:uni-shared`: edit that file, not this one.
const CLASS_PREFIX = "td";
const LOCALES = ["zh", "en"];
const LOCALE_DESCRIPTION = "Language of the built-in texts: 'zh' or 'en'; any other value falls back to 'zh' with a console warning.";
const COMPONENTS = {
  "message-bubble": {
    description: "One message of any type: text (with @ highlighted and links), image, audio, video, file, face, location, custom, merger, group tip; avatar (the initial when there is none) and nick; a quoted message; sending progress, failed with resend, read or unread (own C2C), revoked with re-edit; reactions; a long-press menu (copy, quote, react, recall, delete); in and out.",
    props: {
      message: {
        type: "Object",
        description: "A Message from the SDK (getMessageList, MESSAGE_RECEIVED, create*Message)."
      },
      selfUserID: { type: "String", default: "", description: "The logged-in user, to highlight @ mentions of them." },
      showAvatar: { type: "Boolean", default: true, description: "Show the sender avatar." },
      showNick: { type: "Boolean", default: false, description: "Show the sender nick (groups)." },
      progress: { type: "Number", default: -1, description: "Upload progress 0..1 while sending; -1 hides it." },
      locale: { type: "String", default: "zh", description: LOCALE_DESCRIPTION },
      reactions: {
        type: "Array",
        default: null,
        description: "The reactions under the bubble, as getMessageReactions and MESSAGE_REACTIONS_UPDATED give them: [{ reactionID, totalUserCount, reactedByMyself }]."
      },
      revokeSeconds: {
        type: "Number",
        default: 120,
        description: "How long after sending one's own message the menu offers to recall it (the reference's 2 minutes)."
      },
      groupManager: {
        type: "Boolean",
        default: false,
        description: "The viewer is the group's owner or an admin: the menu offers to recall any message."
      }
    },
    events: {
      resend: "{ message } — the failed message to send again (chat.resendMessage).",
      "image-preview": "{ message, url } — tap on an image.",
      "audio-play": "{ message, url, playing } — tap on a voice message.",
      "video-play": "{ message, url } — tap on a video.",
      "file-open": "{ message, url, fileName } — tap on a file.",
      "location-open": "{ message, latitude, longitude, description } — tap on a location.",
      "merger-open": "{ message } — tap on a merged message (load it with chat.downloadMergerMessage).",
      "message-longpress": "{ message } — long press on any bubble (it opens the menu too).",
      copy: "{ message, text } — menu: copy (text messages; the text is on the clipboard too).",
      quote: "{ message } — menu: quote this message in a reply.",
      react: "{ message, reactionID } — menu or a reaction chip: add the reaction, or remove it when the viewer has it.",
      revoke: "{ message } — menu: recall (one's own message within revokeSeconds, any group message for a manager).",
      delete: "{ message } — menu: delete the message (chat.deleteMessage).",
      "re-edit": `{ message, text } — tap on "re-edit" in the notice of one's own recalled text.`
    }
  },
  "message-list": {
    description: "The messages of one conversation: loads history when scrolled to the top, appends received and sent messages, time separators, stays at the bottom when the user is there, marks the conversation read; carries out the bubbles' recall, delete and react (revokeMessage, deleteMessage, add/removeMessageReaction) and shows reactions (getMessageReactions, MESSAGE_REACTIONS_UPDATED) and peer reads (MESSAGE_READ_BY_PEER).",
    props: {
      chat: { type: "Object", description: "A logged-in chat instance (TencentCloudChat.create())." },
      conversationID: { type: "String", description: "C2C<userID> or GROUP<groupID>." },
      showNick: { type: "Boolean", default: false, description: "Show nicks on incoming bubbles (groups)." },
      locale: { type: "String", default: "zh", description: `${LOCALE_DESCRIPTION} Passed down to the bubbles.` },
      revokeSeconds: {
        type: "Number",
        default: 120,
        description: "How long after sending one's own message may be recalled; passed down to the bubbles."
      }
    },
    events: {
      "history-loaded": "{ count, isCompleted } — a page of history arrived.",
      "message-tap": "{ message, action, ...the bubble event's detail } — a bubble event (action is the bubble event name, e.g. url for image-preview).",
      "load-error": "{ code, message } — history, or a merged message tapped open, could not be loaded.",
      "action-fail": "{ action, messageID, code, message } — a menu action the list carries out (revoke, delete, react) failed; code and message are the error's."
    }
  },
  "chat-composer": {
    description: "Text input with send, face panel, @ picker in groups, and image/video, file, location and hold-to-talk voice actions; each creates and sends the right message.",
    props: {
      chat: { type: "Object", description: "A logged-in chat instance." },
      conversationID: { type: "String", description: "Where messages go: C2C<userID> or GROUP<groupID>." },
      placeholder: { type: "String", default: "", description: "Input placeholder; empty uses the built-in text." },
      members: { type: "Array", default: null, description: "Group members for the @ picker: [{ userID, nick? }]." },
      actions: {
        type: "Array",
        default: null,
        description: "Which actions to show, of 'face', 'image', 'video', 'file', 'location', 'voice'; null shows all the platform supports."
      },
      locale: { type: "String", default: "zh", description: LOCALE_DESCRIPTION }
    },
    events: {
      send: "{ message } — a message was sent (status success).",
      "send-fail": "{ message, error: { code, message } } — sending failed; the message has status fail (message is null when it could not be created).",
      progress: "{ message, progress } — upload progress 0..1 of a file message.",
      "file-change": "{ kind, file } — a picker returned a file, before the message is created."
    }
  }
};
const TEXT = {
  zh: {
    placeholder: "输入消息",
    send: "发送",
    resend: "重发",
    failed: "发送失败",
    revoked: "撤回了一条消息",
    holdToTalk: "按住 说话",
    releaseToSend: "松开 发送",
    releaseToCancel: "松开手指，取消发送",
    tooShort: "说话时间太短",
    face: "表情",
    image: "图片",
    video: "视频",
    file: "文件",
    location: "位置",
    voice: "语音",
    mergerTitle: "聊天记录",
    loadMore: "加载更多",
    noMore: "没有更多了",
    you: "你",
    sending: "发送中",
    listSeparator: "、",
    copy: "复制",
    quote: "引用",
    react: "回应",
    revoke: "撤回",
    delete: "删除",
    reEdit: "重新编辑",
    read: "已读",
    unread: "未读"
  },
  en: {
    placeholder: "Type a message",
    send: "Send",
    resend: "Resend",
    failed: "Not sent",
    revoked: "recalled a message",
    holdToTalk: "Hold to talk",
    releaseToSend: "Release to send",
    releaseToCancel: "Release to cancel",
    tooShort: "Too short",
    face: "Emoji",
    image: "Photo",
    video: "Video",
    file: "File",
    location: "Location",
    voice: "Voice",
    mergerTitle: "Chat history",
    loadMore: "Load more",
    noMore: "No more messages",
    you: "You",
    sending: "Sending",
    listSeparator: ", ",
    copy: "Copy",
    quote: "Quote",
    react: "React",
    revoke: "Recall",
    delete: "Delete",
    reEdit: "Re-edit",
    read: "Read",
    unread: "Unread"
  }
};
const RECORDER_OPTIONS = {
  duration: 6e4,
  sampleRate: 44100,
  numberOfChannels: 1,
  encodeBitRate: 96e3,
  format: "aac"
};
const MIN_VOICE_MS = 1e3;
const FACES = [
  "😀",
  "😂",
  "😊",
  "😍",
  "😘",
  "😎",
  "🤔",
  "😢",
  "😡",
  "👍",
  "👏",
  "🙏",
  "🎉",
  "❤️",
  "🔥",
  "🌹"
];
const GROUP_TIP_TEXT = {
  zh: {
    1: "加入了群组",
    2: "退出了群组",
    3: "被移出了群组",
    4: "成为管理员",
    5: "不再是管理员",
    6: "修改了群资料",
    7: "修改了群成员资料"
  },
  en: {
    1: "joined the group",
    2: "left the group",
    3: "was removed from the group",
    4: "is now an admin",
    5: "is no longer an admin",
    6: "changed the group profile",
    7: "changed a member profile"
  }
};
const SUMMARY_TEXT = {
  zh: {
    image: "[图片]",
    voice: "[语音]",
    video: "[视频]",
    file: "[文件]",
    face: "[动画表情]",
    location: "[位置]",
    custom: "[自定义消息]",
    merger: "[聊天记录]",
    revoked: "消息已撤回"
  },
  en: {
    image: "[Photo]",
    voice: "[Voice]",
    video: "[Video]",
    file: "[File]",
    face: "[Sticker]",
    location: "[Location]",
    custom: "[Custom message]",
    merger: "[Chat history]",
    revoked: "Message recalled"
  }
};
const SDK_STATUS_EVENTS = {
  onMessageStatusChanged: "{ message, progress? } — handed to sendMessage/resendMessage (unSend: shown at once), upload progress 0..1, sent (success) or failed (fail)."
};
const CSS_VARIABLES = {
  "--td-font-size": "Message text size (15px).",
  "--td-text-color": "Text colour (#1f1f1f).",
  "--td-text-secondary": "Nicks, time separators, sizes, tips (#8a8a8a).",
  "--td-link-color": "Links and @ mentions (#2a63b7).",
  "--td-mention-bg": "Background of an @ of the viewer (rgba(42, 99, 183, 0.12)).",
  "--td-error-color": "The failed mark and text (#fa5151).",
  "--td-primary-color": "The send button (#07c160).",
  "--td-border-color": "Hairlines (#e5e5e5).",
  "--td-bubble-in-bg": "Incoming bubble (#ffffff).",
  "--td-bubble-out-bg": "Outgoing bubble (#95ec69).",
  "--td-bubble-in-color": "Incoming bubble text (#1f1f1f).",
  "--td-bubble-out-color": "Outgoing bubble text (#1f1f1f).",
  "--td-bubble-radius": "Bubble corner radius (8px).",
  "--td-avatar-radius": "Avatar corner radius (6px).",
  "--td-avatar-bg": "Behind an avatar initial (#c8d4e6).",
  "--td-list-bg": "Message list background (#ededed).",
  "--td-list-height": "Message list height (100% of its parent).",
  "--td-composer-bg": "Composer background (#f7f7f7).",
  "--td-input-bg": "Composer input (#ffffff).",
  "--td-talk-active-bg": "Hold-to-talk button while recording (#d4d4d4)."
};
export {
  CLASS_PREFIX,
  COMPONENTS,
  CSS_VARIABLES,
  FACES,
  GROUP_TIP_TEXT,
  LOCALES,
  MIN_VOICE_MS,
  RECORDER_OPTIONS,
  SDK_STATUS_EVENTS,
  SUMMARY_TEXT,
  TEXT
};
