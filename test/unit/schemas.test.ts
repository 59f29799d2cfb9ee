import * as v from 'valibot';
import { ChatError } from '../../protocol/errors';
import { lookupTable } from '../../protocol/fields';
import { MAX_FRAME_DEPTH, MAX_MERGER_LAYERS } from '../../protocol/limits';
import type { OperationName } from '../../protocol/operations';
import { isFrameProblem, nestsDeeperThan, parseFrame, parseRequest } from '../../protocol/schemas/frame';
import { mergerPayload } from '../../protocol/schemas/merger';
import { requestSchemas } from '../../protocol/schemas/requests';
import { IMAGE_FORMAT } from '../../protocol/upload-rules';
import { mergerLayersOf, nestedMerger, textDraft } from '../helpers/wire-message';

/** The wire contract's schemas: what each op's `d` must be, and the code and message a failure gets. */
function failureOf(op: OperationName, d: unknown): { code: number; message: string } {
  try {
    parseRequest(op, d);
  } catch (error) {
    if (error instanceof ChatError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`expected ${op} to refuse ${JSON.stringify(d)}`);
}

const draft = (overrides: Record<string, unknown> = {}) => textDraft({ ID: 'm-1', ...overrides });

const merger = (messageList: unknown[]) =>
  draft({ type: 'TIMRelayElem', payload: { compatibleText: 'm', messageList } });

describe('requestSchemas', () => {
  const OPS = Object.keys(requestSchemas) as OperationName[];

  test('has a schema for every op of Operations', () => {
    expect(OPS.sort()).toEqual(
      [
        'login',
        'ping',
        'send',
        'getMessageList',
        'getConversationList',
        'setMessageRead',
        'uploadToken',
        'createGroup',
        'joinGroup',
        'quitGroup',
        'dismissGroup',
        'getGroupList',
        'getGroupProfile',
        'getGroupMemberList',
        'addGroupMember',
        'deleteGroupMember',
        'addFriend',
        'deleteFriend',
        'getFriendList',
        'addToBlacklist',
        'getBlacklist',
        'sendMessageReadReceipt',
        'getMessageReadReceiptList',
        'setMessageExtensions',
        'getMessageExtensions',
        'deleteMessageExtensions',
        'revokeMessage',
        'deleteMessage',
        'modifyMessage',
        'getMessageListHopping',
        'addMessageReaction',
        'removeMessageReaction',
        'getMessageReactions',
        'getAllUserListOfMessageReaction',
        'searchCloudMessages',
        'translateText',
        'convertVoiceToText',
        'getMyProfile',
        'getUserProfile',
        'updateMyProfile',
        'setSelfStatus',
        'getUserStatus',
        'subscribeUserStatus',
        'unsubscribeUserStatus',
        'deleteConversation',
        'clearHistoryMessage',
        'pinConversation',
        'markConversation',
        'setConversationDraft',
        'setMessageRemindType',
        'setAllMessageRead',
        'getConversationGroupList',
        'createConversationGroup',
        'deleteConversationGroup',
        'renameConversationGroup',
        'addConversationsToGroup',
        'deleteConversationsFromGroup',
        'setConversationCustomData',
        'updateGroupProfile',
        'setGroupMemberRole',
        'changeGroupOwner',
        'setGroupMemberMuteTime',
        'setGroupMemberNameCard',
        'setGroupMemberCustomField',
        'getGroupMemberProfile',
        'getGroupOnlineMemberCount',
        'searchGroupByID',
        'getGroupApplicationList',
        'handleGroupApplication',
        'initGroupAttributes',
        'setGroupAttributes',
        'deleteGroupAttributes',
        'getGroupAttributes',
        'setGroupCounters',
        'increaseGroupCounter',
        'decreaseGroupCounter',
        'getGroupCounters',
        'removeFromBlacklist',
        'getFriendApplicationList',
        'acceptFriendApplication',
        'refuseFriendApplication',
        'deleteFriendApplication',
        'setFriendApplicationRead',
        'checkFriend',
        'getFriendProfile',
        'updateFriend',
        'getJoinedCommunityList',
        'createTopicInCommunity',
        'deleteTopicFromCommunity',
        'updateTopicProfile',
        'getTopicList',
        'getFriendGroupList',
        'createFriendGroup',
        'deleteFriendGroup',
        'addToFriendGroup',
        'removeFromFriendGroup',
        'renameFriendGroup',
      ].sort(),
    );
  });

  test.each(OPS)('%s answers hostile data with a ChatError, never a crash', (op) => {
    const hostile = [
      null,
      [],
      'x',
      { toString: 1, valueOf: 1 },
      JSON.parse('{"__proto__":{"groupID":"g"},"constructor":{"x":1}}') as unknown,
      { groupID: { toString: 1 }, userIDList: [{ toString: 1 }], conversationID: ['C2Cbob'], messageList: [[]] },
    ];
    for (const d of hostile) {
      try {
        parseRequest(op, d);
      } catch (error) {
        expect(error).toBeInstanceOf(ChatError);
      }
    }
  });

  test('inherited fields never count: a polluted prototype fills nothing in', () => {
    const d = Object.create({ groupID: 'team' }) as Record<string, unknown>;
    expect(failureOf('joinGroup', d)).toEqual({
      code: 90003,
      message: 'groupID must be a groupID (a string of letters, digits and _ - . @ #, at most 48), got undefined.',
    });
  });

  test('unknown fields are dropped', () => {
    expect(parseRequest('joinGroup', { groupID: 'team', __proto__: { admin: true }, extra: 1 })).toEqual({
      groupID: 'team',
    });
  });

  test.each([
    [
      'createGroup',
      { name: 'g', memberList: [{ userID: { toString: 1 } }] },
      90003,
      /^memberList\[0\]\.userID must be a userID .*, got an object\.$/,
    ],
    [
      'addGroupMember',
      { groupID: 'g', userIDList: [{ toString: 1 }] },
      90003,
      /^userIDList has an invalid entry at \[0\]/,
    ],
    [
      'deleteFriend',
      { userIDList: [['bob']] },
      90003,
      /^userIDList has an invalid entry at \[0\].*got an array of 1 item\.$/,
    ],
    ['pinConversation', { conversationID: '@TIM#SYSTEM', isPinned: true }, 2106, /system conversation/],
    [
      'getMessageList',
      { conversationID: 'bob' },
      90003,
      /^conversationID must be C2C<userID>, GROUP<groupID> or @TIM#SYSTEM, got/,
    ],
    [
      'getMessageList',
      { conversationID: 'C2Cbob', count: 16 },
      90003,
      /^count must be a whole number from 1 to 15, got number 16\.$/,
    ],
    ['login', { SDKAppID: 1, userID: 'a', userSig: 5, protocolVersion: 1 }, 3001, /^userSig must be a string/],
    ['login', { SDKAppID: 1, userID: 'a', userSig: 's', protocolVersion: 2 }, 90003, /^protocolVersion must be 1/],
    [
      'sendMessageReadReceipt',
      {
        messageList: [
          { conversationID: 'C2Cbob', ID: 'a' },
          { conversationID: 'C2Ccarol', ID: 'b' },
        ],
      },
      90003,
      /one conversation/,
    ],
    [
      'setMessageExtensions',
      { message: { conversationID: 'C2Cbob', ID: 'a' }, extensions: [{ key: '', value: 'v' }] },
      90003,
      /key of 1 to 100 bytes/,
    ],
  ])('%s %j → %d', (op, d, code, message) => {
    expect(failureOf(op as OperationName, d)).toMatchObject({
      code,
      message: expect.stringMatching(message) as unknown,
    });
  });
});

describe('send', () => {
  test.each([
    ['from as an object', draft({ from: { toString: 1 } }), 90003, /^from must be a string/],
    ['to as an object', draft({ to: { toString: 1 } }), 90003, /^to must be a non-empty string, got an object\.$/],
    ['an unknown type', draft({ type: 'TIMMagicElem' }), 90003, /^type the string "TIMMagicElem" is not supported/],
    [
      'a merged status that is an object',
      merger([{ type: 'TIMTextElem', status: { a: 1 }, payload: { text: 'x' } }]),
      2450,
      /^payload\.messageList\[0\]\.status must be "success"/,
    ],
    ['an empty merger', merger([]), 2450, /empty/],
    ['a body over 12 KB', draft({ payload: { text: 'x'.repeat(12 * 1024 + 1) } }), 80002, /12 KB/],
    ['@ in C2C', draft({ payload: { text: 'x', atUserList: ['bob'] } }), 90003, /group messages only/],
    [
      'onlineUserOnly with messageControlInfo',
      draft({ onlineUserOnly: true, messageControlInfo: {} }),
      90009,
      /together/,
    ],
    [
      'a face index of 1.5',
      draft({ type: 'TIMFaceElem', payload: { index: 1.5 } }),
      90003,
      /^payload\.index must be a whole number/,
    ],
    [
      'a longitude of Infinity',
      draft({ type: 'TIMLocationElem', payload: { longitude: Infinity, latitude: 0 } }),
      90003,
      /longitude/,
    ],
  ])('%s → %d', (_name, d, code, message) => {
    expect(failureOf('send', d)).toMatchObject({ code, message: expect.stringMatching(message) as unknown });
  });

  test('merged copies are cut down to their type’s fields', () => {
    const sent = parseRequest(
      'send',
      merger([{ type: 'TIMTextElem', payload: { text: 'x', evil: [[[]]] }, evil: {} }]),
    );
    expect(sent.payload).toEqual({
      title: '',
      abstractList: [],
      compatibleText: 'm',
      messageList: [{ type: 'TIMTextElem', payload: { text: 'x' } }],
      downloadKey: '',
      layersOverLimit: false,
    });
  });

  test(`${MAX_MERGER_LAYERS} merger layers are kept; one more is stored with layersOverLimit and no content`, () => {
    // 100 layers inline are over 12 KB once stored (80002: the SDK uploads such a list), so the schema alone here.
    const kept = v.parse(mergerPayload, nestedMerger(MAX_MERGER_LAYERS));
    expect(mergerLayersOf(kept)).toBe(MAX_MERGER_LAYERS);
    expect(kept.layersOverLimit).toBe(false);
    const over = parseRequest('send', draft({ type: 'TIMRelayElem', payload: nestedMerger(MAX_MERGER_LAYERS + 1) }));
    expect(over.payload).toEqual({
      title: '',
      abstractList: [],
      compatibleText: 'm',
      messageList: [],
      downloadKey: '',
      layersOverLimit: true,
    });
  });
});

describe('frames', () => {
  const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  test('nestsDeeperThan walks any depth without recursion', () => {
    expect(nestsDeeperThan(JSON.parse(deepArrays(100_000)), MAX_FRAME_DEPTH)).toBe(true);
    expect(nestsDeeperThan(JSON.parse(deepArrays(MAX_FRAME_DEPTH)), MAX_FRAME_DEPTH)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(deepArrays(MAX_FRAME_DEPTH + 1)), MAX_FRAME_DEPTH)).toBe(true);
  });

  test.each([
    ['not JSON', '{', null, 90001],
    ['an array', '[]', null, 90001],
    ['no id', '{"t":"req","op":"ping"}', null, 90001],
    ['a wrong t', '{"id":1,"t":{"toString":1},"op":"ping"}', 1, 90002],
    ['op "__proto__"', '{"id":2,"t":"req","op":"__proto__"}', 2, 90002],
    ['op "constructor"', '{"id":2,"t":"req","op":"constructor"}', 2, 90002],
    ['d an array', '{"id":3,"t":"req","op":"ping","d":[]}', 3, 90003],
  ])('%s → %d', (_name, text, id, code) => {
    const parsed = parseFrame(text);
    expect(isFrameProblem(parsed) && parsed).toMatchObject({ id, code });
  });

  test('a request nesting too deep is 90003, found before any schema walks it', () => {
    expect(failureOf('ping', JSON.parse(`{"x":${deepArrays(20_000)}}`))).toMatchObject({
      code: 90003,
      message: expect.stringMatching(/nests/) as unknown,
    });
  });

  test('a good frame gives its op and d ({} when absent)', () => {
    expect(parseFrame('{"id":5,"t":"req","op":"ping"}')).toEqual({ id: 5, t: 'req', op: 'ping', d: {} });
  });
});

test('lookup tables keyed by what clients name have no prototype', () => {
  expect(IMAGE_FORMAT['constructor']).toBeUndefined();
  expect(IMAGE_FORMAT['__proto__']).toBeUndefined();
  expect('toString' in lookupTable({ a: 1 })).toBe(false);
});
