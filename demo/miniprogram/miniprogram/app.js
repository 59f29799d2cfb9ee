// The signed-in chat lives on the app, so every page reaches the same one through getApp().
App({
  globalData: {
    /** The TencentCloudChat instance after sign-in (services/session.js), or null. */
    chat: null,
    /** The handle the components take as their `chat` property (provideChat). */
    chatHandle: null,
    userID: '',
  },
});
