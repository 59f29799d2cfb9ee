/** message-bubble's properties, as WeChat declares them; a test holds them to components/shared/spec.ts. */
export const properties = {
  message: { type: Object },
  selfUserID: { type: String, value: '' },
  showAvatar: { type: Boolean, value: true },
  showNick: { type: Boolean, value: false },
  progress: { type: Number, value: -1 },
  locale: { type: String, value: 'zh' },
  reactions: { type: Array, value: null },
  revokeSeconds: { type: Number, value: 120 },
  groupManager: { type: Boolean, value: false },
};
