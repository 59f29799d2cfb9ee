import TencentCloudChat from 'tidings';
import { RawClient } from '../helpers/raw-client';
import { wireTextDraft } from '../helpers/wire-message';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import {
  conversation,
  destroyAll,
  historyTexts,
  inbox,
  readyChat,
  rejectionOf,
  sendGroupText,
  until,
  type Chat,
} from '../helpers/sdk';

/** The reference's sendMessage rules, each checked from the sender's answer and from what every other member got. */
let server: ServerProcess;
const { TYPES } = TencentCloudChat;

afterEach(async () => {
  await destroyAll();
  await server?.close();
});

/** A group whose members are there from the start, so its history begins with what the test sends (no join tips). */
async function groupOf(type: string, groupID: string, owner: Chat, members: string[]) {
  const others = members.filter((m) => m !== owner.getLoginUser());
  const memberList = type === TYPES.GRP_AVCHATROOM ? undefined : others.map((userID) => ({ userID }));
  await owner.createGroup({ name: groupID, type: type as never, groupID, memberList });
}

describe('with default settings', () => {
  let alice: Chat, bob: Chat, carol: Chat;
  beforeEach(async () => {
    server = await ServerProcess.start();
    [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server, id)));
    await groupOf(TYPES.GRP_WORK, 'team', alice, ['bob', 'carol']);
  });

  test("@ messages reach the groupAtInfoList of the named members, @ALL everyone's; reading clears it", async () => {
    const atBob = alice.createTextAtMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: '@bob look', atUserList: ['bob'] },
    });
    expect((await alice.sendMessage(atBob)).data.message).toMatchObject({
      atUserList: ['bob'],
      payload: { text: '@bob look', atUserList: ['bob'] },
    });
    const atAll = alice.createTextAtMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: '@all lunch', atUserList: [TYPES.MSG_AT_ALL] },
    });
    await alice.sendMessage(atAll);
    await until(() => carol.getTotalUnreadMessageCount() === 2 && bob.getTotalUnreadMessageCount() === 2);

    const expectAt = async (chat: Chat, types: number[][]) => {
      expect((await conversation(chat, 'GROUPteam'))!.groupAtInfoList!.map((i) => i.atTypeArray)).toEqual(types);
      // The server keeps it too: a fresh login sees the same.
      expect(
        (await conversation(await readyChat(server, chat.getLoginUser()), 'GROUPteam'))!.groupAtInfoList!.map(
          (i) => i.atTypeArray,
        ),
      ).toEqual(types);
    };
    await expectAt(bob, [[TYPES.CONV_AT_ME], [TYPES.CONV_AT_ALL]]);
    await expectAt(carol, [[TYPES.CONV_AT_ALL]]);
    expect((await conversation(bob, 'GROUPteam'))!.groupAtInfoList![0]).toMatchObject({
      from: 'alice',
      groupID: 'team',
      messageSequence: 1,
    });
    expect((await conversation(alice, 'GROUPteam'))!.groupAtInfoList).toEqual([]);

    await bob.setMessageRead({ conversationID: 'GROUPteam' });
    await expectAt(bob, []);
    const received = await bob.getMessageList({ conversationID: 'GROUPteam' });
    expect(received.data.messageList[0]).toMatchObject({ atUserList: ['bob'] });
  });

  test('createTextAtMessage is for groups, and its atUserList is checked', () => {
    const make = (options: object) => () => alice.createTextAtMessage(options as never);
    expect(make({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'x', atUserList: ['bob'] } })).toThrow(
      /group conversations only/,
    );
    expect(make({ to: 'team', conversationType: TYPES.CONV_GROUP, payload: { text: 'x', atUserList: [] } })).toThrow(
      /atUserList must be an array of 1 to 30/,
    );
    expect(make({ to: 'team', conversationType: TYPES.CONV_GROUP, payload: { text: 'x', atUserList: [42] } })).toThrow(
      /atUserList/,
    );
    expect(make({ to: 'team', conversationType: TYPES.CONV_GROUP, payload: { text: 'x' } })).toThrow(/atUserList/);
  });

  test("a targeted message (receiverList) reaches only its receivers, is not unread, and is hidden from others' history", async () => {
    const [bobIn, carolIn] = [inbox(bob), inbox(carol)];
    const { data } = await sendGroupText(alice, 'team', 'just for bob', { receiverList: ['bob'] });
    expect(data.message).toMatchObject({ status: 'success', sequence: 1 });
    await sendGroupText(alice, 'team', 'for everyone');
    await until(() => bobIn.length === 2 && carolIn.length === 1);
    expect(bobIn.map((m) => m.payload.text)).toEqual(['just for bob', 'for everyone']);
    expect(carolIn.map((m) => m.payload.text)).toEqual(['for everyone']);
    expect(bob.getTotalUnreadMessageCount()).toBe(1);
    expect(await historyTexts(bob, 'GROUPteam')).toEqual(['just for bob', 'for everyone']);
    expect(await historyTexts(carol, 'GROUPteam')).toEqual(['for everyone']);
    expect(await historyTexts(alice, 'GROUPteam')).toEqual(['just for bob', 'for everyone']);
    expect((await readyChat(server, 'bob')).getTotalUnreadMessageCount()).toBe(1);
  });

  test('receiverList: at most 50, members only, not with @, not in Community or AVChatRoom', async () => {
    const fiftyOne = Array.from({ length: 51 }, (_, i) => `u${i}`);
    expect(() =>
      alice.createTextMessage({
        to: 'team',
        conversationType: TYPES.CONV_GROUP,
        payload: { text: 'x' },
        receiverList: fiftyOne,
      }),
    ).toThrow(/at most 50/);
    expect(await rejectionOf(sendGroupText(alice, 'team', 'x', { receiverList: ['zed'] }))).toMatchObject({
      code: 90003,
      message: expect.stringMatching(/zed, who is not in group team/),
    });
    const atAndTargeted = alice.createTextAtMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: 'x', atUserList: ['bob'] },
      receiverList: ['bob'],
    });
    expect(await rejectionOf(alice.sendMessage(atAndTargeted))).toMatchObject({ code: 90009 });
    await groupOf(TYPES.GRP_COMMUNITY, 'commune', alice, ['bob']);
    await alice.createGroup({ name: 'live', type: TYPES.GRP_AVCHATROOM, groupID: 'live' });
    await bob.joinGroup({ groupID: 'live' });
    for (const groupID of ['commune', 'live']) {
      expect(await rejectionOf(sendGroupText(alice, groupID, 'x', { receiverList: ['bob'] }))).toMatchObject({
        code: 90009,
        message: expect.stringMatching(/receiverList/),
      });
    }
    const atAll = alice.createTextAtMessage({
      to: 'commune',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: 'x', atUserList: [TYPES.MSG_AT_ALL] },
    });
    expect(await rejectionOf(alice.sendMessage(atAll))).toMatchObject({
      code: 90009,
      message: expect.stringMatching(/@ALL/),
    });
    // The server refuses over 50 too, whatever a client sends.
    const raw = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'alice', server.userSig('alice'));
    const frame = {
      ID: 'raw-51',
      type: 'TIMTextElem',
      conversationType: 'GROUP',
      to: 'team',
      payload: { text: 'x' },
      receiverList: fiftyOne,
    };
    expect(await raw.request('send', frame)).toMatchObject({ code: 90003, msg: expect.stringMatching(/at most 50/) });
    raw.close();
    expect(await historyTexts(bob, 'GROUPteam')).toEqual([]);
  });

  test('onlineUserOnly: online members get it; it is not stored, not unread, and an offline member never sees it', async () => {
    await bob.logout();
    const carolIn = inbox(carol);
    const { data } = await sendGroupText(alice, 'team', 'typing...', {}, { onlineUserOnly: true });
    expect(data.message).toMatchObject({ status: 'success', sequence: 0 });
    await sendGroupText(alice, 'team', 'a real one');
    await until(() => carolIn.length === 2);
    expect(carolIn.map((m) => m.payload.text)).toEqual(['typing...', 'a real one']);
    expect(carol.getTotalUnreadMessageCount()).toBe(1);
    expect(await historyTexts(carol, 'GROUPteam')).toEqual(['a real one']);
    const bobLater = await readyChat(server, 'bob');
    expect(bobLater.getTotalUnreadMessageCount()).toBe(1);
    expect(await historyTexts(bobLater, 'GROUPteam')).toEqual(['a real one']);
    // C2C as well.
    const carolC2C = inbox(carol);
    const c2c = alice.createTextMessage({ to: 'carol', conversationType: TYPES.CONV_C2C, payload: { text: 'ping' } });
    await alice.sendMessage(c2c, { onlineUserOnly: true });
    await until(() => carolC2C.length === 1);
    expect(await historyTexts(carol, 'C2Calice')).toEqual([]);
    expect(carol.getTotalUnreadMessageCount()).toBe(1);
  });

  test('onlineUserOnly with messageControlInfo is an error (SDK and server); not in AVChatRoom', async () => {
    const options = { onlineUserOnly: true, messageControlInfo: { excludedFromUnreadCount: true } };
    expect(await rejectionOf(sendGroupText(alice, 'team', 'x', {}, options))).toMatchObject({
      code: 90009,
      message: expect.stringMatching(/cannot be used together/),
    });
    const raw = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'alice', server.userSig('alice'));
    const frame = {
      ID: 'raw-both',
      type: 'TIMTextElem',
      conversationType: 'GROUP',
      to: 'team',
      payload: { text: 'x' },
      ...options,
    };
    expect(await raw.request('send', frame)).toMatchObject({ code: 90009 });
    raw.close();
    await alice.createGroup({ name: 'live', type: TYPES.GRP_AVCHATROOM, groupID: 'live' });
    expect(await rejectionOf(sendGroupText(alice, 'live', 'x', {}, { onlineUserOnly: true }))).toMatchObject({
      code: 90009,
    });
    expect(await historyTexts(bob, 'GROUPteam')).toEqual([]);
  });

  test('messageControlInfo: excluded from unread keeps unread; excluded from lastMessage keeps the last message; both are stored', async () => {
    const bobIn = inbox(bob);
    await sendGroupText(alice, 'team', 'first');
    await sendGroupText(alice, 'team', 'quiet', {}, { messageControlInfo: { excludedFromUnreadCount: true } });
    await until(() => bobIn.length === 2);
    expect(bob.getTotalUnreadMessageCount()).toBe(1);
    expect((await conversation(bob, 'GROUPteam'))!.lastMessage!.payload).toEqual({ text: 'quiet' });
    await sendGroupText(alice, 'team', 'hidden', {}, { messageControlInfo: { excludedFromLastMessage: true } });
    await until(() => bobIn.length === 3);
    expect(bob.getTotalUnreadMessageCount()).toBe(2);
    expect((await conversation(bob, 'GROUPteam'))!.lastMessage!.payload).toEqual({ text: 'quiet' });
    const bobAgain = await readyChat(server, 'bob');
    expect(bobAgain.getTotalUnreadMessageCount()).toBe(2);
    expect((await conversation(bobAgain, 'GROUPteam'))!.lastMessage!.payload).toEqual({ text: 'quiet' });
    expect(await historyTexts(bobAgain, 'GROUPteam')).toEqual(['first', 'quiet', 'hidden']);
  });

  test('send options of the wrong shape are refused before anything is sent', async () => {
    const cases: Array<[object, RegExp]> = [
      [{ onlineUserOnly: 'yes' }, /onlineUserOnly must be true or false/],
      [{ messageControlInfo: 'all' }, /messageControlInfo must be an object/],
      [{ messageControlInfo: { excludedFromUnreadCount: 1 } }, /excludedFromUnreadCount must be true or false/],
      [{ offlinePushInfo: { title: 5 } }, /title must be a string/],
    ];
    for (const [options, message] of cases) {
      expect(await rejectionOf(sendGroupText(alice, 'team', 'x', {}, options as never))).toMatchObject({
        code: 90003,
        message: expect.stringMatching(message),
      });
    }
    expect(await historyTexts(bob, 'GROUPteam')).toEqual([]);
  });

  test('an option string over 1024 characters gets the same code and message from the SDK (before sending) and from the server', async () => {
    const options = { offlinePushInfo: { title: 'x'.repeat(1025) } };
    const fromSDK = await rejectionOf(sendGroupText(alice, 'team', 'x', {}, options));
    const raw = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'alice', server.userSig('alice'));
    const fromServer = await raw.request('send', {
      ID: 'raw-long-title',
      type: 'TIMTextElem',
      conversationType: 'GROUP',
      to: 'team',
      payload: { text: 'x' },
      ...options,
    });
    raw.close();
    expect(fromSDK).toMatchObject({
      code: 90003,
      message: 'offlinePushInfo.title must be a string of at most 1024 characters, got a string of 1025 characters.',
    });
    expect(fromServer).toMatchObject({ code: fromSDK.code, msg: fromSDK.message });
    expect(await historyTexts(bob, 'GROUPteam')).toEqual([]);
  });
});

describe('the 40 messages per second group limit', () => {
  test('a burst of 60 mixed-priority messages keeps the 40 of highest priority; the rest are answered success but neither stored nor delivered, and counted', async () => {
    // Gathering a group's sends for a second makes the whole burst contend as one batch, whatever the timing of its frames.
    server = await ServerProcess.start({ settings: { groupSendGatherMs: 1000 } });
    const [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => readyChat(server, id)));
    await groupOf(TYPES.GRP_PUBLIC, 'busy', alice, ['bob']);
    const bobIn = inbox(bob);
    const priorities = [
      TYPES.MSG_PRIORITY_LOWEST,
      TYPES.MSG_PRIORITY_LOW,
      TYPES.MSG_PRIORITY_NORMAL,
      TYPES.MSG_PRIORITY_HIGH,
    ];
    // The SDK's outbox paces a group under the limit, so the burst comes from a bare socket, as another client's might.
    const raw = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'alice', server.userSig('alice'));
    const ids = raw.burst(
      Array.from({ length: 60 }, (_, i) => ({
        op: 'send',
        d: wireTextDraft({
          to: 'busy',
          conversationType: 'GROUP',
          payload: { text: `m${i}` },
          priority: priorities[i % 4],
        }),
      })),
    );
    const answers = await Promise.all(ids.map((id) => raw.waitFor((f) => f.t === 'res' && f.id === id, 15_000)));
    raw.socket.close();

    expect(answers.every((a) => a.t === 'res' && a.code === 0)).toBe(true);
    const stored = answers
      .map((a) => (a as { d: { ID: string; sequence: number; priority: string } }).d)
      .filter((m) => m.sequence > 0);
    expect(stored).toHaveLength(40);
    const keptByPriority = (p: string) => stored.filter((m) => m.priority === p).length;
    // 15 High, 15 Normal, then 10 of the 15 Low; no Lowest.
    expect([keptByPriority('High'), keptByPriority('Normal'), keptByPriority('Low'), keptByPriority('Lowest')]).toEqual(
      [15, 15, 10, 0],
    );
    expect(stored.map((m) => m.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    await until(() => bobIn.length === 40);
    const storedIDs = new Set(stored.map((m) => m.ID));
    expect(bobIn.every((m) => storedIDs.has(m.ID))).toBe(true);
    const history: string[] = [];
    let page = await bob.getMessageList({ conversationID: 'GROUPbusy' });
    history.push(...page.data.messageList.map((m) => m.ID));
    while (!page.data.isCompleted) {
      page = await bob.getMessageList({ conversationID: 'GROUPbusy', nextReqMessageID: page.data.nextReqMessageID });
      history.push(...page.data.messageList.map((m) => m.ID));
    }
    expect(new Set(history)).toEqual(storedIDs);
    expect(bob.getTotalUnreadMessageCount()).toBe(40);
    expect(await server.stats()).toMatchObject({ droppedGroupMessages: 20 });
  });
});
