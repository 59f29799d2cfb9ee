import type { OperationName } from '../../protocol/operations';
import { genUserSig } from 'tidings/server';
import { RawClient } from '../helpers/raw-client';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { filesRequest } from '../helpers/tus-client';
import { APP_A, APP_B, TwoAppServer, type TestApp } from '../helpers/two-app-server';
import { forgetPushes, pushesToVictims, victimState } from '../helpers/victim-state';
import { GROUPS, SECRET, TOPICS, setUpVictims, type Victims } from '../helpers/victims';

/**
 * Mallory asks for what is not hers, through the real server: every op against every "not yours"
 * case. Each request is refused with its documented code (or, for reads of her own view, answered
 * without a trace of the victims), nothing is pushed to alice or bob, and nothing of theirs changes.
 */
let server: ServerProcess;
let victims: Victims;

beforeAll(async () => {
  server = await ServerProcess.start();
  victims = await setUpVictims({
    url: server.url,
    socketURL: server.socketURL,
    SDKAppID: TEST_SDKAPPID,
    userSig: (userID) => server.userSig(userID),
  });
});

afterAll(async () => {
  for (const client of [victims?.alice, victims?.bob, victims?.mallory]) client?.close();
  await server?.close();
});

const NOT_A_MEMBER = 10007;
const NO_SUCH_GROUP = 10010;
const NOT_FOUND = 90008;
/** revokeMessage, modifyMessage, deleteMessage: the reference's "message does not exist". */
const NOT_EXIST = 20026;
const NOT_THE_SENDER = 90004;
const NO_SUCH_FILE = 90012;
const NO_UPLOAD_TOKEN = 90011;
/** The conversation is not in her list (conversation actions): 2500. */
const NOT_LISTED = 2500;
/** She has no conversation group of that name: 51009. */
const NO_CONVERSATION_GROUP = 51009;
/** Answered for mallory's own view (her conversation, her read marks): checked for leaks, pushes and changes like the rest. */
const HER_OWN_VIEW = 0;
/** Allowed by design, so not a denial: Public groups are joined freely and their profiles are public. */
const ALLOWED = null;

const text = (conversationType: 'C2C' | 'GROUP', to: string, extra: Record<string, unknown> = {}) => ({
  ID: `mallory-${Math.random().toString(36).slice(2)}`,
  type: 'TIMTextElem',
  conversationType,
  to,
  payload: { text: 'mallory was here' },
  priority: 'Normal',
  cloudCustomData: '',
  needReadReceipt: false,
  isSupportExtension: false,
  ...extra,
});
const ref = (conversationID: string, ID: string) => ({ conversationID, ID });

/** The columns of the group matrix: groups mallory may not act in. */
const GROUP_CASES = [
  { name: 'a Public group she is not in', groupID: GROUPS.room, messageID: 'room-message' },
  { name: 'a Work group she is not in', groupID: GROUPS.work, messageID: 'work-message' },
  { name: 'a group she left', groupID: GROUPS.left, messageID: 'left-message' },
  { name: 'a group that was dismissed', groupID: GROUPS.gone, messageID: 'gone-message' },
] as const;
type GroupCase = (typeof GROUP_CASES)[number];
type Codes = [number | null, number | null, number | null, number | null];

// prettier-ignore
const GROUP_MATRIX: Array<[OperationName, (g: GroupCase) => Record<string, unknown>, Codes]> = [
  // op                        request d                                                          not in (Public)  not in (Work)   left            dismissed
  ['send',                     (g) => text('GROUP', g.groupID),                                  [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['getMessageList',           (g) => ({ conversationID: `GROUP${g.groupID}` }),                 [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['setMessageRead',           (g) => ({ conversationID: `GROUP${g.groupID}` }),                 [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['joinGroup',                (g) => ({ groupID: g.groupID }),                                  [ALLOWED,        NOT_A_MEMBER,   ALLOWED,        NO_SUCH_GROUP]],
  ['quitGroup',                (g) => ({ groupID: g.groupID }),                                  [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['dismissGroup',             (g) => ({ groupID: g.groupID }),                                  [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['getGroupProfile',          (g) => ({ groupID: g.groupID }),                                  [ALLOWED,        NOT_A_MEMBER,   ALLOWED,        NO_SUCH_GROUP]],
  ['getGroupMemberList',       (g) => ({ groupID: g.groupID }),                                  [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['addGroupMember',           (g) => ({ groupID: g.groupID, userIDList: ['mallory'] }),         [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['deleteGroupMember',        (g) => ({ groupID: g.groupID, userIDList: ['bob'] }),             [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['sendMessageReadReceipt',   (g) => ({ messageList: [ref(`GROUP${g.groupID}`, g.messageID)] }), [NOT_A_MEMBER,  NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['getMessageReadReceiptList', (g) => ({ messageList: [ref(`GROUP${g.groupID}`, g.messageID)] }), [NOT_A_MEMBER, NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['setMessageExtensions',     (g) => ({ message: ref(`GROUP${g.groupID}`, g.messageID), extensions: [{ key: 'k', value: 'v' }] }), [NOT_A_MEMBER, NOT_A_MEMBER, NOT_A_MEMBER, NO_SUCH_GROUP]],
  ['getMessageExtensions',     (g) => ({ message: ref(`GROUP${g.groupID}`, g.messageID) }),      [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['deleteMessageExtensions',  (g) => ({ message: ref(`GROUP${g.groupID}`, g.messageID) }),      [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['revokeMessage',            (g) => ({ message: ref(`GROUP${g.groupID}`, g.messageID) }),      [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['deleteMessage',            (g) => ({ messageList: [ref(`GROUP${g.groupID}`, g.messageID)] }), [NOT_A_MEMBER,  NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['modifyMessage',            (g) => ({ message: ref(`GROUP${g.groupID}`, g.messageID), version: 0, payload: { text: 'mallory' } }), [NOT_A_MEMBER, NOT_A_MEMBER, NOT_A_MEMBER, NO_SUCH_GROUP]],
  ['getMessageListHopping',    (g) => ({ conversationID: `GROUP${g.groupID}`, sequence: 1 }),    [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['addMessageReaction',       (g) => ({ message: ref(`GROUP${g.groupID}`, g.messageID), reactionID: 'smile' }), [NOT_A_MEMBER, NOT_A_MEMBER, NOT_A_MEMBER, NO_SUCH_GROUP]],
  ['removeMessageReaction',    (g) => ({ message: ref(`GROUP${g.groupID}`, g.messageID), reactionID: 'smile' }), [NOT_A_MEMBER, NOT_A_MEMBER, NOT_A_MEMBER, NO_SUCH_GROUP]],
  ['getMessageReactions',      (g) => ({ messageList: [ref(`GROUP${g.groupID}`, g.messageID)] }), [NOT_A_MEMBER,  NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['getAllUserListOfMessageReaction', (g) => ({ message: ref(`GROUP${g.groupID}`, g.messageID), reactionID: 'smile' }), [NOT_A_MEMBER, NOT_A_MEMBER, NOT_A_MEMBER, NO_SUCH_GROUP]],
  ['searchCloudMessages',      (g) => ({ keywordList: [SECRET], conversationID: `GROUP${g.groupID}` }), [NOT_A_MEMBER, NOT_A_MEMBER, NOT_A_MEMBER, NO_SUCH_GROUP]],
  ['convertVoiceToText',       (g) => ({ message: ref(`GROUP${g.groupID}`, g.messageID) }),      [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  // Conversation actions change only her own list. A group she was in when it was dismissed is still in it, with what
  // she received there: acting on it is allowed (its answer shows her own copy of the secret, so it is not a cell here).
  ['setMessageRemindType',     (g) => ({ conversationIDList: [`GROUP${g.groupID}`], messageRemindType: 'AcceptNotNotify' }), [NOT_A_MEMBER, NOT_A_MEMBER, NOT_A_MEMBER, NO_SUCH_GROUP]],
  ['pinConversation',          (g) => ({ conversationID: `GROUP${g.groupID}`, isPinned: true }),  [NOT_LISTED,     NOT_LISTED,     NOT_LISTED,     ALLOWED]],
  ['markConversation',         (g) => ({ conversationIDList: [`GROUP${g.groupID}`], markType: 1, enableMark: true }), [NOT_LISTED, NOT_LISTED, NOT_LISTED, ALLOWED]],
  ['setConversationDraft',     (g) => ({ conversationID: `GROUP${g.groupID}`, draftText: 'x' }), [NOT_LISTED,     NOT_LISTED,     NOT_LISTED,     ALLOWED]],
  ['clearHistoryMessage',      (g) => ({ conversationID: `GROUP${g.groupID}` }),                 [NOT_LISTED,     NOT_LISTED,     NOT_LISTED,     ALLOWED]],
  ['deleteConversation',       (g) => ({ conversationIDList: [`GROUP${g.groupID}`], clearHistoryMessage: true }), [NOT_LISTED, NOT_LISTED, NOT_LISTED, ALLOWED]],
  ['updateGroupProfile', (g) => ({ groupID: g.groupID, name: 'mallory rules' }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['setGroupMemberRole', (g) => ({ groupID: g.groupID, userID: 'bob', role: 'Admin' }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['changeGroupOwner', (g) => ({ groupID: g.groupID, newOwnerID: 'bob' }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['setGroupMemberMuteTime', (g) => ({ groupID: g.groupID, userID: 'bob', muteTime: 600 }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['setGroupMemberNameCard', (g) => ({ groupID: g.groupID, userID: 'bob', nameCard: 'x' }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['setGroupMemberCustomField', (g) => ({ groupID: g.groupID, memberCustomField: [{ key: 'k', value: 'v' }] }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['getGroupMemberProfile', (g) => ({ groupID: g.groupID, userIDList: ['bob'] }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['getGroupOnlineMemberCount', (g) => ({ groupID: g.groupID }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['searchGroupByID', (g) => ({ groupID: g.groupID }), [ALLOWED,        NOT_A_MEMBER,   ALLOWED,        NO_SUCH_GROUP]],
  ['handleGroupApplication', (g) => ({ groupID: g.groupID, applicant: 'mallory', handleAction: 'Agree' }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['initGroupAttributes', (g) => ({ groupID: g.groupID, groupAttributes: { k: 'v' } }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['setGroupAttributes', (g) => ({ groupID: g.groupID, groupAttributes: { k: 'v' } }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['deleteGroupAttributes', (g) => ({ groupID: g.groupID, keyList: ['k'] }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['getGroupAttributes', (g) => ({ groupID: g.groupID }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['setGroupCounters', (g) => ({ groupID: g.groupID, counters: { c: 1 } }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['increaseGroupCounter', (g) => ({ groupID: g.groupID, key: 'c', value: 1 }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['decreaseGroupCounter', (g) => ({ groupID: g.groupID, key: 'c', value: 1 }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
  ['getGroupCounters', (g) => ({ groupID: g.groupID }), [NOT_A_MEMBER,   NOT_A_MEMBER,   NOT_A_MEMBER,   NO_SUCH_GROUP]],
];

/** The columns of the message matrix: messages that are not mallory's to touch, each named as she would try. */
const MESSAGE_CASES = [
  {
    name: "alice's message to bob, named in mallory's chat with bob",
    conversationID: 'C2Cbob',
    ID: 'c2c-alice-to-bob',
  },
  {
    name: "bob's message to alice, named in mallory's chat with alice",
    conversationID: 'C2Calice',
    ID: 'c2c-bob-to-alice',
  },
  {
    name: 'a targeted group message for alice only, in a group mallory is in',
    conversationID: `GROUP${GROUPS.open}`,
    ID: 'targeted-message',
  },
] as const;
type MessageCase = (typeof MESSAGE_CASES)[number];

// prettier-ignore
const MESSAGE_MATRIX: Array<[OperationName, (m: MessageCase) => Record<string, unknown>, [number, number, number]]> = [
  // op                          request d                                                                 alice→bob      bob→alice      targeted
  ['getMessageList',             (m) => ({ conversationID: m.conversationID }),                            [HER_OWN_VIEW, HER_OWN_VIEW,  HER_OWN_VIEW]],
  ['setMessageRead',             (m) => ({ conversationID: m.conversationID }),                            [HER_OWN_VIEW, HER_OWN_VIEW,  HER_OWN_VIEW]],
  ['sendMessageReadReceipt',     (m) => ({ messageList: [ref(m.conversationID, m.ID)] }),                  [NOT_FOUND,    NOT_FOUND,     NOT_FOUND]],
  ['getMessageReadReceiptList',  (m) => ({ messageList: [ref(m.conversationID, m.ID)] }),                  [NOT_FOUND,    NOT_FOUND,     NOT_FOUND]],
  ['setMessageExtensions',       (m) => ({ message: ref(m.conversationID, m.ID), extensions: [{ key: 'mood', value: 'sad' }] }), [NOT_FOUND, NOT_FOUND, NOT_FOUND]],
  ['getMessageExtensions',       (m) => ({ message: ref(m.conversationID, m.ID) }),                        [NOT_FOUND,    NOT_FOUND,     NOT_FOUND]],
  ['deleteMessageExtensions',    (m) => ({ message: ref(m.conversationID, m.ID) }),                        [NOT_FOUND,    NOT_FOUND,     NOT_FOUND]],
  ['revokeMessage',              (m) => ({ message: ref(m.conversationID, m.ID) }),                        [NOT_EXIST,    NOT_EXIST,     NOT_EXIST]],
  ['deleteMessage',              (m) => ({ messageList: [ref(m.conversationID, m.ID)] }),                  [NOT_EXIST,    NOT_EXIST,     NOT_EXIST]],
  ['modifyMessage',              (m) => ({ message: ref(m.conversationID, m.ID), version: 0, cloudCustomData: 'mallory' }), [NOT_EXIST, NOT_EXIST, NOT_EXIST]],
  ['getMessageListHopping',      (m) => ({ conversationID: m.conversationID, sequence: 1, direction: 1 }), [HER_OWN_VIEW, HER_OWN_VIEW,  HER_OWN_VIEW]],
  ['addMessageReaction',         (m) => ({ message: ref(m.conversationID, m.ID), reactionID: 'smile' }),   [NOT_FOUND,    NOT_FOUND,     NOT_FOUND]],
  ['removeMessageReaction',      (m) => ({ message: ref(m.conversationID, m.ID), reactionID: 'smile' }),   [NOT_FOUND,    NOT_FOUND,     NOT_FOUND]],
  ['getMessageReactions',        (m) => ({ messageList: [ref(m.conversationID, m.ID)] }),                  [NOT_FOUND,    NOT_FOUND,     NOT_FOUND]],
  ['getAllUserListOfMessageReaction', (m) => ({ message: ref(m.conversationID, m.ID), reactionID: 'smile' }), [NOT_FOUND, NOT_FOUND,     NOT_FOUND]],
  ['convertVoiceToText',         (m) => ({ message: ref(m.conversationID, m.ID) }),                        [NOT_FOUND,    NOT_FOUND,     NOT_FOUND]],
  ['searchCloudMessages',        (m) => ({ keywordList: [SECRET], conversationID: m.conversationID }),     [HER_OWN_VIEW, HER_OWN_VIEW,  HER_OWN_VIEW]],
];

// prettier-ignore
const NOT_HER_CONVERSATION: Array<[string, OperationName, number, () => Record<string, unknown>]> = [
  // alice and bob's chat, which mallory names as her chat with bob: she has none, and theirs is untouched
  ['pin it',                  'pinConversation',      NOT_LISTED,   () => ({ conversationID: 'C2Cbob', isPinned: true })],
  ['mark it',                 'markConversation',     NOT_LISTED,   () => ({ conversationIDList: ['C2Cbob', 'C2Calice'], markType: 2, enableMark: true })],
  ['give it custom data',     'setConversationCustomData', NOT_LISTED, () => ({ conversationIDList: ['C2Cbob'], customData: 'x' })],
  ['draft in it',             'setConversationDraft', NOT_LISTED,   () => ({ conversationID: 'C2Cbob', draftText: 'x' })],
  ['clear its history',       'clearHistoryMessage',  NOT_LISTED,   () => ({ conversationID: 'C2Cbob' })],
  ['delete it',               'deleteConversation',   NOT_LISTED,   () => ({ conversationIDList: ['C2Cbob'], clearHistoryMessage: true })],
  ['mute it (her own chat)',  'setMessageRemindType', HER_OWN_VIEW, () => ({ conversationIDList: ['C2Cbob'], messageRemindType: 'Discard' })],
  ['read all her C2C chats',  'setAllMessageRead',    HER_OWN_VIEW, () => ({ scope: 'readAllC2CMessage' })],
  ['group it with hers',      'createConversationGroup', HER_OWN_VIEW, () => ({ groupName: 'mine', conversationIDList: ['C2Cbob'] })],
  ["add it to a group",       'addConversationsToGroup', NO_CONVERSATION_GROUP, () => ({ groupName: 'theirs', conversationIDList: ['C2Cbob'] })],
  ["rename a group",          'renameConversationGroup', NO_CONVERSATION_GROUP, () => ({ oldName: 'theirs', newName: 'mine too' })],
  ["delete a group",          'deleteConversationGroup', NO_CONVERSATION_GROUP, () => ({ groupName: 'theirs' })],
];

describe("alice and bob's conversation", () => {
  test.each(NOT_HER_CONVERSATION)('%s: %s → %i', async (_what, op, code, d) => {
    await expectRefused(victims.mallory, op, d(), code);
  });
});

// prettier-ignore
const IMPERSONATION: Array<[string, OperationName, number, () => Record<string, unknown>]> = [
  ['a C2C message from alice to bob',                 'send', NOT_THE_SENDER, () => text('C2C', 'bob', { from: 'alice' })],
  // Profile and status ops name no user to act on: a userID slipped in is dropped, and mallory changes only her own.
  ["alice's profile (userID: 'alice')",               'updateMyProfile',       HER_OWN_VIEW, () => ({ userID: 'alice', selfSignature: 'mallory was here' })],
  ["alice's status (userID: 'alice')",                'setSelfStatus',         HER_OWN_VIEW, () => ({ userID: 'alice', customStatus: 'hacked' })],
  ["alice's subscriptions (userID: 'alice')",         'unsubscribeUserStatus', HER_OWN_VIEW, () => ({ userID: 'alice' })],
  ["alice's and bob's status, followed",              'subscribeUserStatus',   HER_OWN_VIEW, () => ({ userIDList: ['alice', 'bob'] })],
  ["alice's and bob's profiles, read",                'getUserProfile',        HER_OWN_VIEW, () => ({ userIDList: ['alice', 'bob'] })],
  ['a group message from bob',                        'send', NOT_THE_SENDER, () => text('GROUP', GROUPS.open, { from: 'bob' })],
  ["a file message naming alice's unfinished upload", 'send', NO_SUCH_FILE,   () => text('C2C', 'bob', { type: 'TIMFileElem', payload: { uuid: victims.aliceUploadPath.replace('/files/', '') } })],
];

const cells = <
  C extends { name: string },
  Row extends [OperationName, (c: C) => Record<string, unknown>, Array<number | null>],
>(
  cases: readonly C[],
  matrix: Row[],
) =>
  matrix.flatMap(([op, request, codes]) =>
    cases.flatMap((c, i) => (codes[i] === null ? [] : [{ op, case: c.name, d: () => request(c), code: codes[i] }])),
  );

/** Runs `attempt` and checks that alice and bob got no push and that nothing of theirs changed. */
async function expectNothingChanged(scene: { victims: Victims; url: string }, attempt: () => Promise<void>) {
  const before = await victimState(scene.victims, scene.url);
  forgetPushes(scene.victims);
  await attempt();
  expect(await pushesToVictims(scene.victims)).toEqual([]);
  expect(await victimState(scene.victims, scene.url)).toEqual(before);
}

async function expectRefused(
  client: RawClient,
  op: string,
  d: Record<string, unknown>,
  code: number,
  scene = { victims, url: server.url },
) {
  await expectNothingChanged(scene, async () => {
    const answer = await client.request(op, d);
    expect(answer).toMatchObject({ t: 'res', code });
    expect(JSON.stringify(answer)).not.toContain(SECRET);
  });
}

describe('groups that are not hers', () => {
  test.each(cells(GROUP_CASES, GROUP_MATRIX))('$op in $case → $code', async ({ op, d, code }) => {
    await expectRefused(victims.mallory, op, d(), code);
  });
});

describe('messages that are not hers', () => {
  test.each(cells(MESSAGE_CASES, MESSAGE_MATRIX))('$op on $case → $code', async ({ op, d, code }) => {
    await expectRefused(victims.mallory, op, d(), code);
  });
});

describe('sending as someone else, or with their file', () => {
  test.each(IMPERSONATION)('%s: %s → %i', async (_name, op, code, d) => {
    await expectRefused(victims.mallory, op, d(), code);
  });
});

const NO_SUCH_RELATION = 30001;

// prettier-ignore
const RELATIONS: Array<[string, OperationName, number, () => Record<string, unknown>]> = [
  // what mallory tries on alice's request to bob         op                           answer            request d
  ["accepting alice's request (sent to bob)",            'acceptFriendApplication',  NO_SUCH_RELATION, () => ({ userID: 'alice' })],
  ["refusing alice's request (sent to bob)",             'refuseFriendApplication',  NO_SUCH_RELATION, () => ({ userID: 'alice' })],
  ["deleting alice's request as if sent to her",         'deleteFriendApplication',  NO_SUCH_RELATION, () => ({ userID: 'alice', type: 'Pendency_Type_ComeIn' })],
  ["deleting a request to bob she never sent",           'deleteFriendApplication',  NO_SUCH_RELATION, () => ({ userID: 'bob', type: 'Pendency_Type_SendOut' })],
  ['updating bob, who is not her friend',                'updateFriend',             NO_SUCH_RELATION, () => ({ userID: 'bob', remark: 'mine' })],
  ['deleting alice and bob as friends',                  'deleteFriend',             HER_OWN_VIEW,     () => ({ userIDList: ['alice', 'bob'] })],
  ['unblocking alice in her own blacklist',              'removeFromBlacklist',      HER_OWN_VIEW,     () => ({ userIDList: ['alice'] })],
  ["bob's friend profile",                              'getFriendProfile',         HER_OWN_VIEW,     () => ({ userIDList: ['bob', 'alice'] })],
  ['checking alice and bob',                             'checkFriend',              HER_OWN_VIEW,     () => ({ userIDList: ['alice', 'bob'] })],
  ['her friend requests',                                'getFriendApplicationList', HER_OWN_VIEW,     () => ({})],
  ['marking her requests read',                          'setFriendApplicationRead', HER_OWN_VIEW,     () => ({})],
  ['a friend group of alice and bob',                    'createFriendGroup',        HER_OWN_VIEW,     () => ({ name: 'theirs', userIDList: ['alice', 'bob'] })],
  ['her friend groups',                                  'getFriendGroupList',       HER_OWN_VIEW,     () => ({})],
];

// prettier-ignore
const TOPIC_ATTEMPTS: Array<[string, OperationName, number, () => Record<string, unknown>]> = [
  // what mallory tries in a community she is not in    op                           answer          request d
  ['creating a topic',                                  'createTopicInCommunity',   NOT_A_MEMBER,  () => ({ groupID: TOPICS.community, topicName: 'mine' })],
  ['deleting its topics',                               'deleteTopicFromCommunity', NOT_A_MEMBER,  () => ({ groupID: TOPICS.community })],
  ["renaming alice's topic",                            'updateTopicProfile',       NOT_A_MEMBER,  () => ({ groupID: TOPICS.community, topicID: TOPICS.topic, topicName: 'mine' })],
  ['listing its topics',                                'getTopicList',             NOT_A_MEMBER,  () => ({ groupID: TOPICS.community })],
  ['reading a topic',                                   'getMessageList',           NOT_A_MEMBER,  () => ({ conversationID: `GROUP${TOPICS.topic}` })],
  ['marking a topic read',                              'setMessageRead',           NOT_A_MEMBER,  () => ({ conversationID: `GROUP${TOPICS.topic}` })],
  ['sending to a topic',                                'send',                     NOT_A_MEMBER,  () => text('GROUP', TOPICS.topic)],
  ["a topic's message receipts",                        'getMessageReadReceiptList', NOT_A_MEMBER, () => ({ messageList: [ref(`GROUP${TOPICS.topic}`, 'topic-message')] })],
  ['her communities',                                   'getJoinedCommunityList',   HER_OWN_VIEW,  () => ({})],
];

describe('topics of a community that is not hers', () => {
  test.each(TOPIC_ATTEMPTS)('%s: %s → %i', async (_name, op, code, d) => {
    await expectRefused(victims.mallory, op, d(), code);
  });
});

// prettier-ignore
const SYSTEM_NOTICE_ATTEMPTS: Array<[string, OperationName, number, () => Record<string, unknown>]> = [
  // '@TIM#SYSTEM' names no one: it is always the asker's own, so alice's notices stay hers
  ['her system notices, not alice\'s',                  'getMessageList',           HER_OWN_VIEW,  () => ({ conversationID: '@TIM#SYSTEM' })],
  ['marking her system notices read',                   'setMessageRead',           HER_OWN_VIEW,  () => ({ conversationID: '@TIM#SYSTEM' })],
];

describe('group system notices that are not hers', () => {
  test.each(SYSTEM_NOTICE_ATTEMPTS)('%s: %s → %i', async (_name, op, code, d) => {
    await expectRefused(victims.mallory, op, d(), code);
  });
});

describe('friend requests and friendships that are not hers', () => {
  test.each(RELATIONS)('%s: %s → %i', async (_name, op, code, d) => {
    await expectRefused(victims.mallory, op, d(), code);
  });
});

/** The columns of the upload matrix: how mallory presents herself to /files. */
const UPLOAD_CREDENTIALS = [
  { name: 'her own upload token', token: () => victims.malloryToken },
  { name: 'no token', token: () => undefined },
  { name: 'her token rewritten to name alice', token: () => victims.malloryToken.replace('.mallory.', '.alice.') },
] as const;
type Answer = [status: number, code: number | null];
const offsetHeaders = { 'upload-offset': 5, 'content-type': 'application/offset+octet-stream' };
const rest = Buffer.alloc(5, 9);

// prettier-ignore
const UPLOAD_MATRIX: Array<[string, string, Record<string, string | number>, Buffer | undefined, [Answer, Answer, Answer]]> = [
  // what she does to alice's unfinished upload                         her token                   no token                     forged token
  ['HEAD it',                          'HEAD',   {},                                        undefined, [[404, null],         [401, null],            [401, null]]],
  ['PATCH the rest of it',             'PATCH',  offsetHeaders,                             rest,      [[404, NO_SUCH_FILE], [401, NO_UPLOAD_TOKEN], [401, NO_UPLOAD_TOKEN]]],
  ['DELETE it',                        'DELETE', {},                                        undefined, [[404, NO_SUCH_FILE], [401, NO_UPLOAD_TOKEN], [401, NO_UPLOAD_TOKEN]]],
  ['POST it as PATCH (method override)', 'POST', { ...offsetHeaders, 'x-http-method-override': 'PATCH' }, rest, [[404, NO_SUCH_FILE], [401, NO_UPLOAD_TOKEN], [401, NO_UPLOAD_TOKEN]]],
  ['POST it as DELETE (method override)', 'POST', { 'x-http-method-override': 'DELETE' },  undefined, [[404, NO_SUCH_FILE], [401, NO_UPLOAD_TOKEN], [401, NO_UPLOAD_TOKEN]]],
  ['GET it as a download',             'GET',    {},                                        undefined, [[404, NO_SUCH_FILE], [404, NO_SUCH_FILE],    [404, NO_SUCH_FILE]]],
];

describe("an upload she did not start (alice's, 5 of 10 bytes)", () => {
  test.each(
    UPLOAD_MATRIX.flatMap(([action, method, headers, body, answers]) =>
      UPLOAD_CREDENTIALS.map((credential, i) => ({
        action,
        credential: credential.name,
        method,
        headers,
        body,
        token: credential.token,
        answer: answers[i],
      })),
    ),
  )('$action with $credential → $answer', async ({ method, headers, body, token, answer }) => {
    await expectNothingChanged({ victims, url: server.url }, async () => {
      const got = await filesRequest(server.url, method, victims.aliceUploadPath, { token: token(), headers, body });
      expect([got.status, got.code]).toEqual(answer);
    });
  });
});

/**
 * Another app on the same server: its users may share a userID with this app's (here app B has an
 * "alice" too), and must see none of app A's data under it.
 */
describe("another app's data", () => {
  let twoApps: TwoAppServer;
  let appA: { victims: Victims; url: string };
  let otherAlice: RawClient;

  beforeAll(async () => {
    twoApps = await TwoAppServer.start();
    const access = (app: TestApp) => ({
      url: twoApps.url,
      socketURL: twoApps.socketURL,
      SDKAppID: app.SDKAppID,
      userSig: (userID: string) => twoApps.userSig(app, userID),
    });
    appA = { victims: await setUpVictims(access(APP_A)), url: twoApps.url };
    otherAlice = await RawClient.login(twoApps.socketURL, APP_B.SDKAppID, 'alice', twoApps.userSig(APP_B, 'alice'));
  });

  afterAll(async () => {
    for (const client of [appA?.victims.alice, appA?.victims.bob, appA?.victims.mallory, otherAlice]) client?.close();
    await twoApps?.close();
  });

  // prettier-ignore
  const OTHER_APP: Array<[string, OperationName, number, () => Record<string, unknown>]> = [
    // what app B's alice asks for        op                           answer          request d
    ['her conversations',                 'getConversationList',       HER_OWN_VIEW,  () => ({})],
    ['her groups',                        'getGroupList',              HER_OWN_VIEW,  () => ({})],
    ['her chat with bob',                 'getMessageList',            HER_OWN_VIEW,  () => ({ conversationID: 'C2Cbob' })],
    ["app A's group history",             'getMessageList',            NO_SUCH_GROUP, () => ({ conversationID: `GROUP${GROUPS.room}` })],
    ["app A's group profile",             'getGroupProfile',           NO_SUCH_GROUP, () => ({ groupID: GROUPS.room })],
    ["app A's group members",             'getGroupMemberList',        NO_SUCH_GROUP, () => ({ groupID: GROUPS.room })],
    ["joining app A's group",             'joinGroup',                 NO_SUCH_GROUP, () => ({ groupID: GROUPS.room })],
    ["sending to app A's group",          'send',                      NO_SUCH_GROUP, () => text('GROUP', GROUPS.room)],
    ["a receipt for app A's message",     'sendMessageReadReceipt',    NOT_FOUND,     () => ({ messageList: [ref('C2Cbob', 'c2c-bob-to-alice')] })],
    ["app A's message's receipts",        'getMessageReadReceiptList', NOT_FOUND,     () => ({ messageList: [ref('C2Cbob', 'c2c-alice-to-bob')] })],
    ["app A's message's extensions",      'getMessageExtensions',      NOT_FOUND,     () => ({ message: ref('C2Cbob', 'c2c-alice-to-bob') })],
    ["deleting them",                     'deleteMessageExtensions',   NOT_FOUND,     () => ({ message: ref('C2Cbob', 'c2c-alice-to-bob') })],
    ["revoking app A's message",          'revokeMessage',             NOT_EXIST,     () => ({ message: ref('C2Cbob', 'c2c-alice-to-bob') })],
    ["modifying app A's message",         'modifyMessage',             NOT_EXIST,     () => ({ message: ref('C2Cbob', 'c2c-alice-to-bob'), version: 0, payload: { text: 'x' } })],
    ["deleting app A's message",          'deleteMessage',             NOT_EXIST,     () => ({ messageList: [ref('C2Cbob', 'c2c-alice-to-bob')] })],
    ['her chat with bob from sequence 1', 'getMessageListHopping',     HER_OWN_VIEW,  () => ({ conversationID: 'C2Cbob', sequence: 1, direction: 1 })],
    ["reacting to app A's message",       'addMessageReaction',        NOT_FOUND,     () => ({ message: ref('C2Cbob', 'c2c-alice-to-bob'), reactionID: 'smile' })],
    ["app A's message's reactions",       'getMessageReactions',       NOT_FOUND,     () => ({ messageList: [ref('C2Cbob', 'c2c-alice-to-bob')] })],
    ["searching for app A's secret",      'searchCloudMessages',       HER_OWN_VIEW,  () => ({ keywordList: [SECRET] })],
    ['her profile (not app A alice\'s)',   'updateMyProfile',           HER_OWN_VIEW,  () => ({ selfSignature: 'B alice' })],
    ['her status (not app A alice\'s)',    'setSelfStatus',             HER_OWN_VIEW,  () => ({ customStatus: 'B alice' })],
    ["deleting her chat with bob",        'deleteConversation',        NOT_LISTED,    () => ({ conversationIDList: ['C2Cbob'], clearHistoryMessage: true })],
    ["pinning it",                        'pinConversation',           NOT_LISTED,    () => ({ conversationID: 'C2Cbob', isPinned: true })],
    ["requests to join her groups",       'getGroupApplicationList',   HER_OWN_VIEW,  () => ({})],
    ["finding app A's group",             'searchGroupByID',           NO_SUCH_GROUP, () => ({ groupID: GROUPS.room })],
    ["a file message with app A's file",  'send',                      NO_SUCH_FILE,  () => text('C2C', 'bob', { type: 'TIMFileElem', payload: { uuid: appA.victims.aliceFileKey } })],
  ];

  test.each(OTHER_APP)("app B's alice asks for %s: %s → %i", async (_what, op, code, d) => {
    await expectRefused(otherAlice, op, d(), code, appA);
  });

  test("app B's alice cannot HEAD app A's alice's upload with her own token (404)", async () => {
    const token = (await otherAlice.request('uploadToken', {})) as { d: { token: string } };
    await expectNothingChanged(appA, async () => {
      const got = await filesRequest(twoApps.url, 'HEAD', appA.victims.aliceUploadPath, { token: token.d.token });
      expect(got.status).toBe(404);
    });
  });

  test("a userSig made with app B's key does not log in to app A (3001, closed 4001)", async () => {
    const forged = genUserSig({ SDKAppID: APP_A.SDKAppID, secretKey: APP_B.secretKey, userID: 'alice' });
    const client = await RawClient.connect(twoApps.socketURL);
    const answer = await client.request('login', {
      SDKAppID: APP_A.SDKAppID,
      userID: 'alice',
      userSig: forged,
      protocolVersion: 1,
    });
    expect(answer).toMatchObject({ code: 3001 });
    expect(await client.waitForClose()).toBe(4001);
  });
});
