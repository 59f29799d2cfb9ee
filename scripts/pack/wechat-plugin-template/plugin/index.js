// What requirePlugin('tidings') returns: the SDK, plus provideChat. The plugin's components look chats up in
// the plugin's own provideChat registry, so a host app must use this one, not a copy from npm.
const sdk = require('./tidings.js');
const { provideChat } = require('./components/wechat/provide-chat.js');

module.exports = Object.assign({}, sdk, { TencentCloudChat: sdk.default, provideChat });
