import { RawClient } from './raw-client';
import { startUpload } from './tus-client';

/** Every message the victims exchange carries this word, so an answer that leaks one is easy to catch. */
export const SECRET = 'SECRET';

/** How to reach one app of a server: its socket, its SDKAppID, and userSigs for it. */
export interface AppAccess {
  url: string;
  socketURL: string;
  SDKAppID: number;
  userSig(userID: string): string;
}

/** Alice and bob's data on the server, and mallory, who is a member of none of it (any more). */
export interface Victims {
  alice: RawClient;
  bob: RawClient;
  mallory: RawClient;
  /** Message IDs: C2C alice→bob and bob→alice, and group messages by bob. */
  ids: Record<'aliceToBob' | 'bobToAlice' | 'inRoom' | 'inWork' | 'inLeft' | 'inGone' | 'targeted', string>;
  /** Alice's unfinished upload (5 of 10 bytes), and a finished one of hers. */
  aliceUploadPath: string;
  aliceFileKey: string;
  aliceToken: string;
  malloryToken: string;
}

/** Group IDs the matrix names. Alice owns them all; bob is in each; mallory is only in `open`. */
export const GROUPS = {
  room: 'public-room',
  work: 'work-room',
  left: 'left-room',
  gone: 'gone-room',
  open: 'open-room',
} as const;

/** A community with topics that alice owns and bob is in (mallory is not), and one of its topics. */
export const TOPICS = { community: '@TGS#_hall', topic: '@TGS#_hall@TOPIC#_t' } as const;

async function ok(client: RawClient, op: string, d: Record<string, unknown>): Promise<Record<string, unknown>> {
  const answer = await client.request(op, d);
  if (answer.t !== 'res' || answer.code !== 0) throw new Error(`${op} failed in setup: ${JSON.stringify(answer)}`);
  return (answer.d ?? {}) as Record<string, unknown>;
}

async function sendText(from: RawClient, ID: string, conversationType: 'C2C' | 'GROUP', to: string, extra = {}) {
  await ok(from, 'send', {
    ID,
    type: 'TIMTextElem',
    conversationType,
    to,
    payload: { text: `${SECRET} ${ID}` },
    priority: 'Normal',
    cloudCustomData: '',
    needReadReceipt: true,
    isSupportExtension: true,
    ...extra,
  });
  return ID;
}

/** Builds the victims' data through the protocol, as their clients would. */
export async function setUpVictims(app: AppAccess): Promise<Victims> {
  const login = (userID: string) => RawClient.login(app.socketURL, app.SDKAppID, userID, app.userSig(userID));
  const [alice, bob, mallory] = await Promise.all([login('alice'), login('bob'), login('mallory')]);
  const group = (groupID: string, type: string, members: string[]) =>
    ok(alice, 'createGroup', { name: groupID, type, groupID, memberList: members.map((userID) => ({ userID })) });
  await group(GROUPS.room, 'Public', ['bob']);
  await group(GROUPS.work, 'Private', ['bob']);
  await group(GROUPS.left, 'Public', ['bob', 'mallory']);
  await group(GROUPS.gone, 'Public', ['bob', 'mallory']);
  await group(GROUPS.open, 'Public', ['bob', 'mallory']);
  await ok(mallory, 'quitGroup', { groupID: GROUPS.left });
  const ids = {
    aliceToBob: await sendText(alice, 'c2c-alice-to-bob', 'C2C', 'bob'),
    bobToAlice: await sendText(bob, 'c2c-bob-to-alice', 'C2C', 'alice'),
    inRoom: await sendText(bob, 'room-message', 'GROUP', GROUPS.room),
    inWork: await sendText(bob, 'work-message', 'GROUP', GROUPS.work),
    inLeft: await sendText(bob, 'left-message', 'GROUP', GROUPS.left),
    inGone: await sendText(bob, 'gone-message', 'GROUP', GROUPS.gone),
    targeted: await sendText(bob, 'targeted-message', 'GROUP', GROUPS.open, { receiverList: ['alice'] }),
  };
  await ok(alice, 'dismissGroup', { groupID: GROUPS.gone });
  await ok(alice, 'createGroup', {
    name: 'hall',
    type: 'Community',
    groupID: TOPICS.community,
    isSupportTopic: true,
    memberList: [{ userID: 'bob' }],
  });
  await ok(alice, 'createTopicInCommunity', { groupID: TOPICS.community, topicID: TOPICS.topic, topicName: SECRET });
  await sendText(bob, 'topic-message', 'GROUP', TOPICS.topic);
  // A request to join a group of alice's that waits for her: its notice is in her @TIM#SYSTEM conversation.
  await ok(alice, 'createGroup', { name: 'club', type: 'Public', groupID: 'club-of-alice' });
  await ok(bob, 'joinGroup', { groupID: 'club-of-alice', applyMessage: `${SECRET} let me in` });
  // A friend request that waits for bob (the default allowType is NeedConfirm).
  await ok(alice, 'addFriend', { to: 'bob', wording: `${SECRET} it is alice` });
  await ok(alice, 'setMessageExtensions', {
    message: { conversationID: 'C2Cbob', ID: ids.aliceToBob },
    extensions: [{ key: 'mood', value: `${SECRET} happy` }],
  });
  const aliceToken = (await ok(alice, 'uploadToken', {})).token as string;
  const malloryToken = (await ok(mallory, 'uploadToken', {})).token as string;
  const aliceUploadPath = await startUpload(app.url, aliceToken, 10, 5);
  const aliceFileKey = (await startUpload(app.url, aliceToken, 4, 4)).replace('/files/', '');
  return { alice, bob, mallory, ids, aliceUploadPath, aliceFileKey, aliceToken, malloryToken };
}
