// Messages of every conversation with a keyword (searchCloudMessages), grouped by conversation.
const { messageSummary } = require('tidings/components/shared/summary');

Component({
  data: { keyword: '', searched: '', results: [], error: '' },
  methods: {
    onLoad() {
      this.chat = getApp().globalData.chat;
      if (!this.chat) wx.reLaunch({ url: '/pages/login/login' });
    },
    onKeywordInput(event) {
      this.setData({ keyword: event.detail.value });
    },
    async onSearch() {
      const keyword = this.data.keyword.trim();
      if (!keyword) return;
      this.setData({ error: '' });
      try {
        const { data } = await this.chat.searchCloudMessages({ keywordList: [keyword] });
        const results = data.searchResultList.map(({ conversationID, messageCount, messageList }) => ({
          conversationID,
          messageCount,
          name: conversationID.replace(/^(C2C|GROUP)/, ''),
          lines: (messageList || []).slice(0, 3).map((message) => ({
            ID: message.ID,
            from: message.nick || message.from,
            text: message.type === 'TIMTextElem' ? message.payload.text : messageSummary(message, 'en'),
          })),
        }));
        this.setData({ results, searched: keyword });
      } catch (error) {
        this.setData({ error: error.message || String(error) });
      }
    },
    onOpen(event) {
      const { conversationId, title } = event.currentTarget.dataset;
      wx.navigateTo({
        url: `/pages/chat/chat?conversationID=${encodeURIComponent(conversationId)}&title=${encodeURIComponent(title)}`,
      });
    },
  },
});
