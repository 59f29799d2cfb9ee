/**
 * The logged-in chat, shared by every page, and the demo's resend rule: a message that failed because the
 * socket was down is kept and resent (same message, same ID) when NET_STATE_CHANGE reports connected. The
 * server stores a message ID once, so a resend after a lost acknowledgement cannot make a duplicate.
 */
import TencentCloudChat from 'tidings/uni';
import { serverURL } from './config.js';

const { EVENT, TYPES } = TencentCloudChat;
const NETWORK_ERROR_CODES = [2800, 2801, 2805];
const USER_KEY = 'tidings-demo-user';

const state = { chat: null, userID: '', netState: TYPES.NET_STATE_CONNECTED };
/** Failed sends waiting for the socket, by message ID. */
const unsent = new Map();
const resentListeners = new Set();

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
  chat.on(EVENT.NET_STATE_CHANGE, ({ data }) => {
    state.netState = data.state;
    if (data.state === TYPES.NET_STATE_CONNECTED) resendUnsent();
  });
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
  unsent.clear();
  remember('');
  if (chat) await chat.destroy().catch(() => undefined);
}

/** The composer's send-fail `{ message, error: { code, message } }`: keep the message if the network was the reason. */
export function keepIfNetworkFailure({ message, error }) {
  if (message && NETWORK_ERROR_CODES.includes(error.code)) unsent.set(message.ID, message);
}

async function resendUnsent() {
  const chat = state.chat;
  if (!chat) return;
  const resent = [];
  for (const message of [...unsent.values()]) {
    try {
      await chat.resendMessage(message);
      unsent.delete(message.ID);
      resent.push(message);
    } catch (error) {
      // Down again: wait for the next connect. Any other failure will not get better by retrying.
      if (!NETWORK_ERROR_CODES.includes(error && error.code)) unsent.delete(message.ID);
      else break;
    }
  }
  if (resent.length) resentListeners.forEach((listener) => listener(resent));
}

/** Calls `listener(messages)` after kept messages went out; returns the unsubscribe function. */
export function onResent(listener) {
  resentListeners.add(listener);
  return () => resentListeners.delete(listener);
}

export { EVENT, TYPES };
