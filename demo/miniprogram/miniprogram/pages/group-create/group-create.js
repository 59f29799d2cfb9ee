// A work group (TencentCloudChat.TYPES.GRP_WORK) with a name and the members typed in; then its chat opens.
const { TencentCloudChat } = require('../../services/session.js');

const MEMBER_SEPARATORS = /[\s,，、]+/;

Component({
  data: {
    name: '',
    memberIDs: '',
    busy: false,
    error: '',
  },
  methods: {
    onLoad() {
      if (!getApp().globalData.chat) wx.reLaunch({ url: '/pages/login/login' });
    },
    onNameInput(event) {
      this.setData({ name: event.detail.value, error: '' });
    },
    onMembersInput(event) {
      this.setData({ memberIDs: event.detail.value, error: '' });
    },
    async onCreate() {
      const app = getApp();
      const name = this.data.name.trim();
      const memberIDs = this.data.memberIDs.split(MEMBER_SEPARATORS).filter((id) => id && id !== app.globalData.userID);
      if (!name) return this.setData({ error: '请填写群名称 A group needs a name' });
      this.setData({ busy: true, error: '' });
      try {
        const { data } = await app.globalData.chat.createGroup({
          type: TencentCloudChat.TYPES.GRP_WORK,
          name,
          memberList: memberIDs.map((userID) => ({ userID })),
        });
        const { groupID } = data.group;
        wx.redirectTo({
          url: `/pages/chat/chat?conversationID=${encodeURIComponent(`GROUP${groupID}`)}&title=${encodeURIComponent(name)}`,
        });
      } catch (error) {
        this.setData({ error: `${error.message}${error.code ? ` (${error.code})` : ''}` });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
