import { mount, provideChat, simulate, type SimComponent } from '../wechat/load';
import { CONVERSATION, SEE_ITEMS, SELF, TAPS, seenTap, type FixtureMessage, type SeenItem } from './fixture';

/** A chat that holds `messages` as one complete page of history, for the list to show. */
export function fixtureChat(messages: FixtureMessage[]) {
  return {
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

/** The WeChat message-list (miniprogram-simulate) showing `messages`: what it shows, and the message-tap of each of TAPS. */
export async function renderWechat(
  messages: FixtureMessage[],
  locale: string,
): Promise<{ items: SeenItem[]; taps: Array<Record<string, unknown>> }> {
  const list: SimComponent = mount('message-list', {
    chat: provideChat(fixtureChat(messages)),
    conversationID: CONVERSATION,
    showNick: true,
    locale,
  });
  const taps: Array<Record<string, unknown>> = [];
  list.addEventListener('message-tap', ({ detail }) => taps.push(seenTap(detail)));
  for (let waited = 0; list.querySelectorAll('.td-list__item').length < messages.length && waited < 2000; waited += 20)
    await simulate.sleep(20);
  const items = see(list.dom);
  const bubbles = list.querySelectorAll('.td-list__bubble');
  for (const tap of TAPS) {
    bubbles[messages.findIndex((message) => message.ID === tap.ID)].querySelector(tap.selector)!.dispatchEvent('tap');
    await simulate.sleep(20);
  }
  list.detach();
  return { items, taps };
}
