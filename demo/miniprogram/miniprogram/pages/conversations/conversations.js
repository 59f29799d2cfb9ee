// Every conversation of the signed-in user, newest first, kept current by CONVERSATION_LIST_UPDATED.
const { signOut, TencentCloudChat } = require('../../services/session.js');
const { toRows, C2C } = require('./rows.js');

const { EVENT, TYPES } = TencentCloudChat;

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
        rows: toRows(conversations, this.groupNames, this.data.userID),
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
    /** Long press on a conversation: pin, mute or delete it (the reference's conversation methods). */
    onRowLongPress(event) {
      const row = this.data.rows.find((item) => item.conversationID === event.currentTarget.dataset.conversationId);
      if (!row) return;
      const actions = [
        { label: row.isPinned ? '取消置顶 Unpin' : '置顶 Pin', run: () => this.pin(row) },
        { label: row.isMuted ? '取消免打扰 Unmute' : '免打扰 Mute', run: () => this.mute(row) },
        { label: '删除 Delete', run: () => this.chat.deleteConversation(row.conversationID) },
      ];
      wx.showActionSheet({
        itemList: actions.map((action) => action.label),
        success: ({ tapIndex }) => this.act(actions[tapIndex].run),
      });
    },
    pin(row) {
      return this.chat.pinConversation({ conversationID: row.conversationID, isPinned: !row.isPinned });
    },
    mute(row) {
      const target = row.conversationID.replace(/^(C2C|GROUP)/, '');
      const messageRemindType = row.isMuted ? TYPES.MSG_REMIND_ACPT_AND_NOTE : TYPES.MSG_REMIND_ACPT_NOT_NOTE;
      return this.chat.setMessageRemindType(
        row.isGroup ? { groupID: target, messageRemindType } : { userIDList: [target], messageRemindType },
      );
    },
    /** Runs a conversation action, then shows the list again (CONVERSATION_LIST_UPDATED also brings it). */
    async act(run) {
      try {
        await run();
        const { data } = await this.chat.getConversationList();
        this.show(data.conversationList);
      } catch (error) {
        wx.showToast({ title: error.message || String(error), icon: 'none' });
      }
    },
    onProfile() {
      wx.navigateTo({ url: '/pages/profile/profile' });
    },
    onSearch() {
      wx.navigateTo({ url: '/pages/search/search' });
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
