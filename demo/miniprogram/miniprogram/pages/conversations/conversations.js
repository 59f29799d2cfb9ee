// Every conversation of the signed-in user, newest first, kept current by CONVERSATION_LIST_UPDATED.
const { signOut, TencentCloudChat } = require('../../services/session.js');
const { toRow, C2C } = require('./rows.js');

const { EVENT } = TencentCloudChat;

Component({
  data: {
    userID: '',
    rows: [],
    peerID: '',
  },
  lifetimes: {
    detached() {
      this.stopListening();
    },
  },
  methods: {
    onLoad() {
      const app = getApp();
      const chat = app.globalData.chat;
      if (!chat) return wx.reLaunch({ url: '/pages/login/login' });
      this.chat = chat;
      this.conversations = [];
      this.groupNames = {};
      this.setData({ userID: app.globalData.userID });
      wx.setNavigationBarTitle({ title: `会话 · ${app.globalData.userID}` });

      const onConversations = ({ data }) => this.show(data);
      const onGroups = ({ data }) => this.nameGroups(data);
      chat.on(EVENT.CONVERSATION_LIST_UPDATED, onConversations);
      chat.on(EVENT.GROUP_LIST_UPDATED, onGroups);
      this.unsubscribe = () => {
        chat.off(EVENT.CONVERSATION_LIST_UPDATED, onConversations);
        chat.off(EVENT.GROUP_LIST_UPDATED, onGroups);
      };
      chat.getGroupList().then(({ data }) => this.nameGroups(data.groupList));
      chat.getConversationList().then(({ data }) => this.show(data.conversationList));
    },
    onUnload() {
      this.stopListening();
    },
    stopListening() {
      if (this.unsubscribe) this.unsubscribe();
      this.unsubscribe = null;
    },
    show(conversations) {
      this.conversations = conversations;
      this.setData({
        rows: conversations.map((conversation) => toRow(conversation, this.groupNames, this.data.userID)),
      });
    },
    nameGroups(groups) {
      for (const group of groups) this.groupNames[group.groupID] = group.name;
      this.show(this.conversations);
    },
    onOpen(event) {
      const { conversationId, title } = event.currentTarget.dataset;
      this.openChat(conversationId, title);
    },
    openChat(conversationID, title) {
      wx.navigateTo({
        url: `/pages/chat/chat?conversationID=${encodeURIComponent(conversationID)}&title=${encodeURIComponent(title)}`,
      });
    },
    onPeerInput(event) {
      this.setData({ peerID: event.detail.value.trim() });
    },
    onStartChat() {
      const peerID = this.data.peerID;
      if (!peerID || peerID === this.data.userID) return;
      this.setData({ peerID: '' });
      this.openChat(`${C2C}${peerID}`, peerID);
    },
    onCreateGroup() {
      wx.navigateTo({ url: '/pages/group-create/group-create' });
    },
    async onSignOut() {
      this.stopListening();
      await signOut(getApp());
      wx.reLaunch({ url: '/pages/login/login' });
    },
  },
});
