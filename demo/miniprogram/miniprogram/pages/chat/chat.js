// One conversation: the message-list and chat-composer components from the tidings package. In a group the
// composer gets the members, so typing @ offers them.
const { TencentCloudChat } = require('../../services/session.js');

const GROUP = TencentCloudChat.TYPES.CONV_GROUP;

Component({
  data: {
    chat: null,
    conversationID: '',
    isGroup: false,
    members: null,
  },
  methods: {
    onLoad(query) {
      const app = getApp();
      const chat = app.globalData.chat;
      if (!chat) return wx.reLaunch({ url: '/pages/login/login' });
      const conversationID = decodeURIComponent(query.conversationID || '');
      const isGroup = conversationID.startsWith(GROUP);
      this.setData({ chat: app.globalData.chatHandle, conversationID, isGroup });
      wx.setNavigationBarTitle({ title: decodeURIComponent(query.title || '') || conversationID });
      if (isGroup) this.loadMembers(chat, conversationID.slice(GROUP.length), app.globalData.userID);
    },
    async loadMembers(chat, groupID, selfUserID) {
      const { data } = await chat.getGroupMemberList({ groupID, count: 100 });
      const members = data.memberList
        .filter((member) => member.userID !== selfUserID)
        .map((member) => ({ userID: member.userID, nick: member.nick || '' }));
      this.setData({ members });
    },
    onGroupInfo() {
      const groupID = this.data.conversationID.slice(GROUP.length);
      wx.navigateTo({ url: `/pages/group-info/group-info?groupID=${encodeURIComponent(groupID)}` });
    },
    onSendFail(event) {
      wx.showToast({ title: `发送失败 (${event.detail.error.code})`, icon: 'none' });
    },
  },
});
