/** chat-composer's properties, as WeChat declares them; a test holds them to components/shared/spec.ts. */
export const properties = {
  chat: { type: Object },
  conversationID: { type: String },
  placeholder: { type: String, value: '' },
  members: { type: Array, value: null },
  actions: { type: Array, value: null },
  locale: { type: String, value: 'zh' },
};
