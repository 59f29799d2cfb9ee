/** message-list's properties, as WeChat declares them; a test holds them to components/shared/spec.ts. */
export const properties = {
  chat: { type: Object },
  conversationID: { type: String },
  showNick: { type: Boolean, value: false },
  locale: { type: String, value: 'zh' },
  revokeSeconds: { type: Number, value: 120 },
};
