import type { RawClient } from './raw-client';
import { filesRequest } from './tus-client';
import { GROUPS, TOPICS, type Victims } from './victims';

async function read(client: RawClient, op: string, d: Record<string, unknown>): Promise<unknown> {
  const answer = await client.request(op, d);
  return answer.t === 'res' ? { code: answer.code, d: answer.d } : answer;
}

/**
 * Everything of alice's and bob's that an attack could change: conversations, histories, groups and
 * their members, friends, friend requests, blacklists, extensions, receipts, and alice's upload. Two equal snapshots
 * mean nothing was stored for them or taken from them.
 */
export async function victimState(victims: Victims, baseURL: string): Promise<Record<string, unknown>> {
  const { alice, bob, ids } = victims;
  const state: Record<string, unknown> = {};
  for (const [name, client] of [
    ['alice', alice],
    ['bob', bob],
  ] as const) {
    state[`${name} conversations`] = await read(client, 'getConversationList', {});
    state[`${name} groups`] = await read(client, 'getGroupList', {});
    state[`${name} friends`] = await read(client, 'getFriendList', {});
    state[`${name} blacklist`] = await read(client, 'getBlacklist', {});
    state[`${name} friend requests`] = await read(client, 'getFriendApplicationList', {});
  }
  state.profiles = await read(alice, 'getUserProfile', { userIDList: ['alice', 'bob'] });
  state.statuses = await read(alice, 'getUserStatus', { userIDList: ['alice', 'bob'] });
  state['C2C history'] = await read(alice, 'getMessageList', { conversationID: 'C2Cbob' });
  for (const groupID of [GROUPS.room, GROUPS.work, GROUPS.left, GROUPS.open]) {
    state[`${groupID} history`] = await read(alice, 'getMessageList', { conversationID: `GROUP${groupID}` });
    state[`${groupID} members`] = await read(alice, 'getGroupMemberList', { groupID });
  }
  state.topics = await read(bob, 'getTopicList', { groupID: TOPICS.community });
  state['topic history'] = await read(alice, 'getMessageList', { conversationID: `GROUP${TOPICS.topic}` });
  state[`${GROUPS.gone} profile`] = await read(alice, 'getGroupProfile', { groupID: GROUPS.gone });
  const aliceMessage = { conversationID: 'C2Cbob', ID: ids.aliceToBob };
  state.extensions = await read(alice, 'getMessageExtensions', { message: aliceMessage });
  state['C2C receipts'] = await read(alice, 'getMessageReadReceiptList', { messageList: [aliceMessage] });
  state['group receipts'] = await read(bob, 'getMessageReadReceiptList', {
    messageList: [{ conversationID: `GROUP${GROUPS.room}`, ID: ids.inRoom }],
  });
  state['C2C reactions'] = await read(alice, 'getMessageReactions', { messageList: [aliceMessage] });
  state['group reactions'] = await read(bob, 'getMessageReactions', {
    messageList: [{ conversationID: `GROUP${GROUPS.room}`, ID: ids.inRoom }],
  });
  const upload = await filesRequest(baseURL, 'HEAD', victims.aliceUploadPath, { token: victims.aliceToken });
  state.upload = { status: upload.status, offset: upload.headers['upload-offset'] };
  return state;
}

/** The pushes that reached alice or bob since `forgetPushes`; a ping on each socket first, so whatever the server wrote before it has arrived. */
export async function pushesToVictims(victims: Victims): Promise<unknown[]> {
  await Promise.all([victims.alice.request('ping', {}), victims.bob.request('ping', {})]);
  return [...victims.alice.frames, ...victims.bob.frames].filter((frame) => frame.t === 'push');
}

export function forgetPushes(victims: Victims): void {
  victims.alice.frames.splice(0);
  victims.bob.frames.splice(0);
}
