import { mount, provideChat, simulate, type SimComponent } from '../wechat/load';
import {
  CONVERSATION,
  FIXTURE_REACTIONS,
  SEE_ITEMS,
  SELF,
  TAPS,
  TWIN_REVOKE_SECONDS,
  seenTap,
  type FixtureMessage,
  type SeenItem,
} from './fixture';

/**
 * A chat that holds `messages` as one complete page of history, for the list to show, with FIXTURE_REACTIONS; the
 * menu's calls (recall, delete, react) succeed and are written to `calls`.
 */
export function fixtureChat(messages: FixtureMessage[], calls: unknown[][] = []) {
  const ok = async <T>(data: T) => ({ code: 0, data });
  return {
    getMessageReactions: async ({ messageList }: { messageList: FixtureMessage[] }) =>
      ok({
        resultList: messageList
          .filter((message) => FIXTURE_REACTIONS[message.ID])
          .map((message) => ({ messageID: message.ID, reactionList: FIXTURE_REACTIONS[message.ID] })),
      }),
    getGroupProfile: async () => ok({ group: { selfInfo: { role: 'Member' } } }),
    revokeMessage: async (message: FixtureMessage) => (calls.push(['revokeMessage', message.ID]), ok({ message })),
    deleteMessage: async ([message]: FixtureMessage[]) => (
      calls.push(['deleteMessage', message.ID]),
      ok({ messageList: [message] })
    ),
    addMessageReaction: async (message: FixtureMessage, reactionID: string) => (
      calls.push(['addMessageReaction', message.ID, reactionID]),
      ok({ message, reactionID })
    ),
    removeMessageReaction: async (message: FixtureMessage, reactionID: string) => (
      calls.push(['removeMessageReaction', message.ID, reactionID]),
      ok({ message, reactionID })
    ),
    getLoginUser: () => SELF,
    on: () => undefined,
    off: () => undefined,
    getMessageList: async () => ({ code: 0, data: { messageList: messages, nextReqMessageID: '', isCompleted: true } }),
    setMessageRead: async () => ({ code: 0, data: {} }),
    sendMessage: async (message: FixtureMessage) => ({ code: 0, data: { message } }),
    resendMessage: async (message: FixtureMessage) => ({ code: 0, data: { message } }),
    downloadMergerMessage: async (message: FixtureMessage) => ({ code: 0, data: message }),
  };
}

// The same function the uni twin's page evaluates in Chromium, run here over the simulated DOM.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const see = new Function(`return ${SEE_ITEMS}`)() as (root: unknown) => SeenItem[];

/** What a twin shows, the message-tap of each of TAPS, the chat calls they made, and what it shows after them. */
export interface TwinRun {
  items: SeenItem[];
  taps: Array<Record<string, unknown>>;
  calls: unknown[][];
  after: SeenItem[];
}

/** The WeChat message-list (miniprogram-simulate) showing `messages`, tapped through TAPS. */
export async function renderWechat(messages: FixtureMessage[], locale: string): Promise<TwinRun> {
  const calls: unknown[][] = [];
  const list: SimComponent = mount('message-list', {
    chat: provideChat(fixtureChat(messages, calls)),
    conversationID: CONVERSATION,
    showNick: true,
    locale,
    revokeSeconds: TWIN_REVOKE_SECONDS,
  });
  const taps: Array<Record<string, unknown>> = [];
  list.addEventListener('message-tap', ({ detail }) => taps.push(seenTap(detail)));
  for (let waited = 0; list.querySelectorAll('.td-list__item').length < messages.length && waited < 2000; waited += 20)
    await simulate.sleep(20);
  // Reactions arrive after the page.
  await simulate.sleep(50);
  const items = see(list.dom);
  const bubbles = list.querySelectorAll('.td-list__bubble');
  for (const tap of TAPS) {
    const bubble = bubbles[messages.findIndex((message) => message.ID === tap.ID)];
    if (tap.longPress) {
      bubble.querySelector('.td-bubble__content')!.dispatchEvent('longpress');
      await simulate.sleep(20);
    }
    bubble.querySelector(tap.selector)!.dispatchEvent('tap');
    await simulate.sleep(20);
  }
  const after = see(list.dom);
  list.detach();
  return { items, taps, calls, after };
}
