import type { WireMessage } from '../../protocol/messages';
import type { HistoryResult } from '../../protocol/operations';
import { RawClient } from './raw-client';
import { TEST_SDKAPPID, type ServerProcess } from './server-process';

/**
 * Logs users in with raw clients on the test's server (`server()` when called); after each test the
 * clients are closed, then the server.
 */
export function rawLoginsClosedAfterEach(
  server: () => ServerProcess | undefined,
): (userID: string) => Promise<RawClient> {
  const open: RawClient[] = [];
  afterEach(async () => {
    open.splice(0).forEach((client) => client.close());
    await server()?.close();
  });
  return async (userID) => {
    const running = server()!;
    const client = await RawClient.login(running.socketURL, TEST_SDKAPPID, userID, running.userSig(userID));
    open.push(client);
    return client;
  };
}

/** Every message of a conversation as `reader` sees it, oldest first, paging back from the newest. */
export async function wholeHistory(reader: RawClient, conversationID: string): Promise<WireMessage[]> {
  const pages: WireMessage[][] = [];
  let nextReqMessageID: string | undefined;
  for (;;) {
    const answer = await reader.request('getMessageList', { conversationID, nextReqMessageID, count: 15 });
    if (answer.t !== 'res' || answer.code !== 0)
      throw new Error(`history of ${conversationID} refused: ${JSON.stringify(answer)}`);
    const page = answer.d as HistoryResult;
    pages.unshift(page.messageList);
    if (page.isCompleted) return pages.flat();
    nextReqMessageID = page.nextReqMessageID;
  }
}
