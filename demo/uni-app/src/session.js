/**
 * The logged-in chat, shared by every page. Sends made while the socket is down need nothing here: the SDK's
 * outbox keeps them and sends them (same ID) when the socket is back.
 */
import TencentCloudChat from 'tidings/uni';
import { serverURL } from './config.js';

const { EVENT, TYPES } = TencentCloudChat;
const USER_KEY = 'tidings-demo-user';

const state = { chat: null, userID: '', netState: TYPES.NET_STATE_CONNECTED };

export function currentChat() {
  return state.chat;
}

export function loginUser() {
  return state.userID;
}

export function netState() {
  return state.netState;
}

// Remembered per browser tab on H5 (sessionStorage), so two windows of one browser can be two users.
function remember(userID) {
  // #ifdef H5
  if (userID) window.sessionStorage.setItem(USER_KEY, userID);
  else window.sessionStorage.removeItem(USER_KEY);
  return;
  // #endif
  // #ifndef H5
  if (userID) uni.setStorageSync(USER_KEY, userID);
  else uni.removeStorageSync(USER_KEY);
  // #endif
}

function remembered() {
  // #ifdef H5
  return window.sessionStorage.getItem(USER_KEY) || '';
  // #endif
  // #ifndef H5
  return uni.getStorageSync(USER_KEY) || '';
  // #endif
}

/** A test userSig from the server's dev mode (`npm start` turns it on). A real app gets it from its own backend. */
function fetchDevUserSig(userID) {
  return new Promise((resolve, reject) => {
    uni.request({
      url: `${serverURL()}/dev/usersig?userID=${encodeURIComponent(userID)}`,
      success: ({ statusCode, data }) => {
        if (statusCode === 200 && data && data.userSig) resolve(data);
        else if (statusCode === 404)
          reject(
            new Error(
              'The server is not in dev mode, so it gives no test userSigs (start it with npm start or TIDINGS_DEV=1).',
            ),
          );
        else reject(new Error((data && data.error) || `The server answered ${statusCode}.`));
      },
      fail: ({ errMsg }) => reject(new Error(`Could not reach ${serverURL()}: ${errMsg}`)),
    });
  });
}

export async function login(userID) {
  const { userSig, SDKAppID } = await fetchDevUserSig(userID);
  const chat = TencentCloudChat.create({ SDKAppID, serverURL: serverURL() });
  const ready = new Promise((resolve) => chat.on(EVENT.SDK_READY, resolve));
  chat.on(EVENT.NET_STATE_CHANGE, ({ data }) => (state.netState = data.state));
  try {
    await chat.login({ userID, userSig });
  } catch (error) {
    chat.destroy();
    throw error;
  }
  await ready;
  Object.assign(state, { chat, userID, netState: TYPES.NET_STATE_CONNECTED });
  remember(userID);
  return chat;
}

/** The chat after a reload: logs the tab's remembered user in again; null when there is none. */
export async function restore() {
  if (state.chat) return state.chat;
  const userID = remembered();
  if (!userID) return null;
  try {
    return await login(userID);
  } catch {
    remember('');
    return null;
  }
}

export async function logout() {
  const chat = state.chat;
  Object.assign(state, { chat: null, userID: '' });
  remember('');
  if (chat) await chat.destroy().catch(() => undefined);
}

/**
 * Uploads a picked image (uni.chooseImage's result) with the SDK's own file upload and gives its URL: the reference
 * API has no bare upload, so the picture goes as an image message to oneself, and the server's rendition
 * (imageInfoArray: type 1 large, else the original) is the URL.
 */
export async function uploadImage(chat, picked) {
  const message = chat.createImageMessage({
    to: state.userID,
    conversationType: TYPES.CONV_C2C,
    payload: { file: picked },
  });
  const { data } = await chat.sendMessage(message);
  const infos = data.message.payload.imageInfoArray || [];
  const best = infos.find((info) => info.type === 1) || infos.find((info) => info.type === 0) || infos[0];
  if (!best || !best.url) throw new Error('The picture was uploaded but the server gave no address for it.');
  return best.url;
}

export { EVENT, TYPES };
