// Sign in as any user ID (typed or picked): the demo asks the dev server for a test userSig.
// Pages are written with Component(), which WeChat accepts for pages (methods.onLoad gets the query).
const { signIn } = require('../../services/session.js');
const config = require('../../config.js');

Component({
  data: {
    userID: '',
    suggestions: ['alice', 'bob', 'carol', 'dave'],
    serverURL: '',
    busy: false,
    error: '',
  },
  methods: {
    onLoad() {
      this.setData({ serverURL: config.serverURL });
    },
    onInput(event) {
      this.setData({ userID: event.detail.value.trim(), error: '' });
    },
    onPick(event) {
      this.setData({ userID: event.currentTarget.dataset.userId, error: '' });
      return this.onSignIn();
    },
    async onSignIn() {
      if (this.data.busy) return;
      this.setData({ busy: true, error: '' });
      try {
        await signIn(getApp(), this.data.userID);
        wx.redirectTo({ url: '/pages/conversations/conversations' });
      } catch (error) {
        this.setData({ error: error.message });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
