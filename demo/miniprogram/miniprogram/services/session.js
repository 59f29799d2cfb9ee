// Signing in and out. The userSig comes from the server's dev endpoint, which answers only in dev mode:
// a real app gets its userSig from its own backend (genUserSig), never from the chat server.
const TencentCloudChat = require('tidings').default;
const { provideChat } = require('tidings/components/wechat/provide-chat');
const config = require('../config.js');

const USER_ID = /^[A-Za-z0-9_-]{1,32}$/;

function get(url) {
  return new Promise((resolve, reject) => {
    wx.request({ url, method: 'GET', success: resolve, fail: (result) => reject(new Error(result.errMsg)) });
  });
}

/** `{ userSig, SDKAppID, warning }` from GET {serverURL}/dev/usersig?userID=… */
async function devUserSig(userID) {
  const url = `${config.serverURL}/dev/usersig?userID=${encodeURIComponent(userID)}`;
  let response;
  try {
    response = await get(url);
  } catch (error) {
    throw new Error(
      `Cannot reach the server at ${config.serverURL} (${error.message}). Is it running, and is serverURL in config.js right?`,
      { cause: error },
    );
  }
  if (response.statusCode === 404) {
    throw new Error(
      `The server at ${config.serverURL} does not hand out test userSigs: it is not in dev mode. Start it with npm start (or TIDINGS_DEV=1) for this demo.`,
    );
  }
  const body = response.data || {};
  if (response.statusCode !== 200 || typeof body.userSig !== 'string') {
    throw new Error(`GET /dev/usersig answered ${response.statusCode}: ${JSON.stringify(body)}`);
  }
  return body;
}

function whenReady(chat) {
  return new Promise((resolve) => {
    if (chat.isReady()) return resolve();
    const onReady = () => {
      chat.off(TencentCloudChat.EVENT.SDK_READY, onReady);
      resolve();
    };
    chat.on(TencentCloudChat.EVENT.SDK_READY, onReady);
  });
}

/** Signs `userID` in and keeps the chat on the app (app.globalData.chat, .chatHandle, .userID). */
async function signIn(app, userID) {
  if (!USER_ID.test(userID)) throw new Error('A user ID is 1 to 32 letters, digits, _ or -.');
  await signOut(app);
  const { userSig, SDKAppID } = await devUserSig(userID);
  const chat = TencentCloudChat.create({ SDKAppID, serverURL: config.serverURL });
  const ready = whenReady(chat);
  try {
    await chat.login({ userID, userSig });
    await ready;
  } catch (error) {
    await chat.destroy();
    throw error;
  }
  Object.assign(app.globalData, { chat, chatHandle: provideChat(chat), userID });
  return chat;
}

async function signOut(app) {
  const chat = app.globalData.chat;
  Object.assign(app.globalData, { chat: null, chatHandle: null, userID: '' });
  if (chat) await chat.destroy();
}

module.exports = { signIn, signOut, TencentCloudChat };
