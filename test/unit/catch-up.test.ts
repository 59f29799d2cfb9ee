import { CATCH_UP_LIMIT, missedMessages } from '../../plugin/sync/history';
import { RecentIDs } from '../../plugin/sync/recent-ids';
import type { WireMessage } from '../../protocol/messages';
import type { HistoryRequest, HistoryResult, WireConversation } from '../../protocol/operations';
import { wireText } from '../helpers/wire-message';

const message = (conversation: string, sequence: number): WireMessage =>
  wireText({
    ID: `${conversation}-${sequence}`,
    to: 'me',
    from: conversation,
    payload: { text: `m${sequence}` },
    time: sequence,
    sequence,
  });

/** A server holding `count` messages in each named conversation, paging 15 at a time as the real one does. */
function server(counts: Record<string, number>) {
  const requests: HistoryRequest[] = [];
  const fetchPage = async (request: HistoryRequest): Promise<HistoryResult> => {
    requests.push(request);
    const peer = request.conversationID.slice(3);
    const all = Array.from({ length: counts[peer] }, (_, i) => message(peer, i + 1));
    const end = request.nextReqMessageID ? all.findIndex((m) => m.ID === request.nextReqMessageID) : all.length;
    const page = all.slice(Math.max(0, end - 15), end);
    return { messageList: page, nextReqMessageID: page[0]?.ID ?? '', isCompleted: end - 15 <= 0 };
  };
  const conversations: WireConversation[] = Object.entries(counts).map(([peer, count]) => ({
    conversationID: `C2C${peer}`,
    type: 'C2C',
    unreadCount: 0,
    lastMessage: message(peer, count),
  }));
  return { fetchPage, conversations, requests };
}

describe('missedMessages', () => {
  test('returns only what is newer than the last sequence seen, oldest first, across pages', async () => {
    const { fetchPage, conversations } = server({ bob: 40, carol: 3 });
    const missed = await missedMessages(
      fetchPage,
      new Map([
        ['C2Cbob', 20],
        ['C2Ccarol', 3],
      ]),
      conversations,
    );
    expect(missed.map((m) => m.ID)).toEqual(Array.from({ length: 20 }, (_, i) => `bob-${21 + i}`));
  });

  test('asks nothing about conversations that did not move', async () => {
    const { fetchPage, conversations, requests } = server({ bob: 5 });
    expect(await missedMessages(fetchPage, new Map([['C2Cbob', 5]]), conversations)).toEqual([]);
    expect(requests).toEqual([]);
  });

  test('a conversation that is new since the disconnect is caught up from its start', async () => {
    const { fetchPage, conversations } = server({ dave: 2 });
    expect((await missedMessages(fetchPage, new Map(), conversations)).map((m) => m.sequence)).toEqual([1, 2]);
  });

  test(`stops at the newest ${CATCH_UP_LIMIT} of a long gap`, async () => {
    const { fetchPage, conversations } = server({ erin: 500 });
    const missed = await missedMessages(fetchPage, new Map([['C2Cerin', 1]]), conversations);
    expect(missed).toHaveLength(CATCH_UP_LIMIT);
    expect(missed.at(-1)!.sequence).toBe(500);
    expect(missed[0].sequence).toBe(500 - CATCH_UP_LIMIT + 1);
  });
});

test('RecentIDs forgets the oldest past its size', () => {
  const ids = new RecentIDs(2);
  ids.add('a');
  ids.add('b');
  ids.add('a');
  ids.add('c');
  expect([ids.has('a'), ids.has('b'), ids.has('c')]).toEqual([true, false, true]);
});
