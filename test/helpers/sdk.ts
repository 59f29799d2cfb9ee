import TencentCloudChat from 'tidings';
import type { ServerProcess } from './server-process';
import { TEST_SDKAPPID } from './server-process';

export type Chat = ReturnType<typeof TencentCloudChat.create>;
type Handler = Parameters<Chat['on']>[1];
type EventData = Parameters<Handler>[0]['data'];

/** Every chat made by a test, so `destroyAll` can close their sockets. */
const created: Chat[] = [];

/** `serverURL` reaches the server another way (a proxy); the server's own address by default. */
export function createChat(server: ServerProcess, serverURL = server.url): Chat {
  const chat = TencentCloudChat.create({ SDKAppID: TEST_SDKAPPID, serverURL });
  created.push(chat);
  return chat;
}

/** A chat logged in as `userID` and ready (SDK_READY has fired). */
export async function readyChat(server: ServerProcess, userID: string, serverURL = server.url): Promise<Chat> {
  const chat = createChat(server, serverURL);
  const ready = nextEvent(chat, TencentCloudChat.EVENT.SDK_READY);
  await chat.login({ userID, userSig: server.userSig(userID) });
  await ready;
  return chat;
}

export async function destroyAll(): Promise<void> {
  await Promise.all(created.splice(0).map((chat) => chat.destroy()));
}

/** Resolves with the data of the next `event` on `chat`. */
export function nextEvent(chat: Chat, event: string, timeoutMs = 5000): Promise<EventData> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const handler: Handler = ({ data }) => {
      clearTimeout(timer);
      chat.off(event, handler);
      resolve(data);
    };
    chat.on(event, handler);
  });
}

/** Collects every message `chat` receives. */
export function inbox(
  chat: Chat,
): Array<{ ID: string; type: string; flow: string; payload: { text?: string }; from: string; sequence: number }> {
  const received: ReturnType<typeof inbox> = [];
  chat.on(TencentCloudChat.EVENT.MESSAGE_RECEIVED, ({ data }) => received.push(...(data as typeof received)));
  return received;
}

export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function sendText(chat: Chat, to: string, text: string) {
  const message = chat.createTextMessage({ to, conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { text } });
  return chat.sendMessage(message);
}

export async function sendGroupText(
  chat: Chat,
  groupID: string,
  text: string,
  extra: Record<string, unknown> = {},
  options?: Parameters<Chat['sendMessage']>[1],
) {
  const message = chat.createTextMessage({
    to: groupID,
    conversationType: TencentCloudChat.TYPES.CONV_GROUP,
    payload: { text },
    ...extra,
  });
  return chat.sendMessage(message, options);
}

/** The rejection of `promise`, for asserting on its code and message. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: number; message: string };
  }
  throw new Error('expected a rejection, but it resolved');
}

export async function conversation(chat: Chat, conversationID: string) {
  const { data } = await chat.getConversationList();
  return data.conversationList.find((c) => c.conversationID === conversationID);
}

export async function historyTexts(chat: Chat, conversationID: string): Promise<string[]> {
  const { data } = await chat.getMessageList({ conversationID });
  return data.messageList.map((m) => m.payload.text ?? '');
}
