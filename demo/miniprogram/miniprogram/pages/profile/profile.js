// The signed-in user's profile: nick and avatar (getMyProfile / updateMyProfile); others see them on messages.
const { uploadImage } = require('../../services/upload.js');

Component({
  data: { userID: '', nick: '', avatar: '', initial: '', uploading: false, status: '', error: '' },
  methods: {
    async onLoad() {
      const app = getApp();
      const chat = app.globalData.chat;
      if (!chat) return wx.reLaunch({ url: '/pages/login/login' });
      this.chat = chat;
      this.userID = app.globalData.userID;
      try {
        const { data } = await chat.getMyProfile();
        this.show({ userID: data.userID, nick: data.nick || '', avatar: data.avatar || '' });
      } catch (error) {
        this.setData({ error: error.message || String(error) });
      }
    },
    show(fields) {
      const next = { ...this.data, ...fields };
      this.setData({ ...fields, initial: (next.nick || next.userID || '?')[0].toUpperCase() });
    },
    onNickInput(event) {
      this.setData({ nick: event.detail.value });
    },
    onSave() {
      return this.update({ nick: this.data.nick.trim() }, '已保存 Saved');
    },
    /** The picture goes up through the SDK's own file upload; its URL becomes the avatar. */
    onChooseAvatar() {
      wx.chooseMedia({
        count: 1,
        mediaType: ['image'],
        sizeType: ['compressed'],
        success: async (picked) => {
          this.setData({ uploading: true, error: '' });
          try {
            const url = await uploadImage(this.chat, this.userID, picked);
            if (await this.update({ avatar: url }, '头像已更换 Avatar changed')) this.show({ avatar: url });
          } catch (error) {
            this.setData({ error: error.message || String(error) });
          } finally {
            this.setData({ uploading: false });
          }
        },
      });
    },
    async update(fields, done) {
      this.setData({ status: '', error: '' });
      try {
        await this.chat.updateMyProfile(fields);
        this.setData({ status: done });
        return true;
      } catch (error) {
        this.setData({ error: error.message || String(error) });
        return false;
      }
    },
  },
});
