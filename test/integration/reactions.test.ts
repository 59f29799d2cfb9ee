import TencentCloudChat from 'tidings';
import { RawClient } from '../helpers/raw-client';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { destroyAll, nextEvent, readyChat, rejectionOf, sendGroupText, sendText, type Chat } from '../helpers/sdk';

/** addMessageReaction, removeMessageReaction, getMessageReactions, getAllUserListOfMessageReaction and MESSAGE_REACTIONS_UPDATED, through the real server. */
let server: ServerProcess;
let alice: Chat, aliceTablet: Chat, bob: Chat, carol: Chat, dave: Chat;
const { TYPES, EVENT } = TencentCloudChat;
type Message = Awaited<ReturnType<Chat['sendMessage']>>['data']['message'];
let groupCount = 0;

beforeAll(async () => {
  server = await ServerProcess.start();
  [alice, aliceTablet, bob, carol, dave] = await Promise.all(
    ['alice', 'alice', 'bob', 'carol', 'dave'].map((id) => readyChat(server, id)),
  );
});

afterAll(async () => {
  await destroyAll();
  await server.close();
});

/** A new group of alice, bob and carol, and a message alice sent there, as bob received it. */
async function groupMessage(): Promise<{ groupID: string; sent: Message; received: Message }> {
  const groupID = `team${++groupCount}`;
  await alice.createGroup({ name: groupID, groupID, memberList: [{ userID: 'bob' }, { userID: 'carol' }] });
  const sent = (await sendGroupText(alice, groupID, 'react to me')).data.message;
  const received = (await bob.getMessageList({ conversationID: `GROUP${groupID}` })).data.messageList.find(
    (m) => m.ID === sent.ID,
  )!;
  return { groupID, sent, received };
}

test('a reaction reaches everyone in the group, on every device, and getMessageReactions lists it', async () => {
  const { groupID, sent, received } = await groupMessage();
  const events = [alice, aliceTablet, bob, carol].map((chat) => nextEvent(chat, EVENT.MESSAGE_REACTIONS_UPDATED));
  const added = await bob.addMessageReaction(received, '[TUIEmoji_Smile]');
  expect(added).toMatchObject({ code: 0, data: { messageID: sent.ID } });
  const update = {
    conversationID: `GROUP${groupID}`,
    changInfoList: [
      {
        messageID: sent.ID,
        reactionList: [
          {
            reactionID: '[TUIEmoji_Smile]',
            totalUserCount: 1,
            partialUserList: [{ userID: 'bob', nick: '', avatar: '' }],
          },
        ],
      },
    ],
  };
  for (const event of events) expect(await event).toEqual(update);

  await carol.addMessageReaction(received, '[TUIEmoji_Smile]');
  await carol.addMessageReaction(received, '👍');
  const { data } = await alice.getMessageReactions({ messageList: [sent], maxUserCountPerReaction: 1 });
  expect(data.resultList).toEqual([
    {
      messageID: sent.ID,
      reactionList: [
        {
          reactionID: '[TUIEmoji_Smile]',
          totalUserCount: 2,
          partialUserList: [{ userID: 'bob', nick: '', avatar: '' }],
          reactedByMyself: false,
        },
        {
          reactionID: '👍',
          totalUserCount: 1,
          partialUserList: [{ userID: 'carol', nick: '', avatar: '' }],
          reactedByMyself: false,
        },
      ],
    },
  ]);
  const mine = (await carol.getMessageReactions({ messageList: [received] })).data.resultList[0].reactionList;
  expect(mine.map((r) => r.reactedByMyself)).toEqual([true, true]);

  const removed = nextEvent(alice, EVENT.MESSAGE_REACTIONS_UPDATED);
  await carol.removeMessageReaction(received, '👍');
  expect(await removed).toMatchObject({ changInfoList: [{ reactionList: [{ reactionID: '[TUIEmoji_Smile]' }] }] });
});

test('in a C2C chat both sides hear of a reaction, each under its own conversationID', async () => {
  const sent = (await sendText(alice, 'bob', 'hi bob')).data.message;
  const [received] = (await bob.getMessageList({ conversationID: 'C2Calice' })).data.messageList.slice(-1);
  const toAlice = nextEvent(alice, EVENT.MESSAGE_REACTIONS_UPDATED);
  const toBob = nextEvent(bob, EVENT.MESSAGE_REACTIONS_UPDATED);
  await bob.addMessageReaction(received, 'heart');
  expect(await toAlice).toMatchObject({ conversationID: 'C2Cbob', changInfoList: [{ messageID: sent.ID }] });
  expect(await toBob).toMatchObject({ conversationID: 'C2Calice', changInfoList: [{ messageID: sent.ID }] });
  const { data } = await alice.getMessageReactions({ messageList: [sent] });
  expect(data.resultList[0].reactionList).toMatchObject([{ reactionID: 'heart', totalUserCount: 1 }]);
});

test('getAllUserListOfMessageReaction pages through the users, oldest first', async () => {
  const { sent, received } = await groupMessage();
  await bob.addMessageReaction(received, 'ok');
  await carol.addMessageReaction(received, 'ok');
  await alice.addMessageReaction(sent, 'ok');
  const first = await alice.getAllUserListOfMessageReaction({ message: sent, reactionID: 'ok', nextSeq: 0, count: 2 });
  expect(first.data).toEqual({
    userList: [
      { userID: 'bob', nick: '', avatar: '' },
      { userID: 'carol', nick: '', avatar: '' },
    ],
    nextSeq: 2,
    isCompleted: false,
  });
  const second = await alice.getAllUserListOfMessageReaction({ message: sent, reactionID: 'ok', nextSeq: 2, count: 2 });
  expect(second.data).toEqual({ userList: [{ userID: 'alice', nick: '', avatar: '' }], nextSeq: 3, isCompleted: true });
});

test('refusals: the reference codes for a reaction used twice, missing, not yours, or over the limits', async () => {
  const { received } = await groupMessage();
  await bob.addMessageReaction(received, 'smile');
  expect(await rejectionOf(bob.addMessageReaction(received, 'smile'))).toMatchObject({
    code: 23007,
    message: expect.stringMatching(/already reacted/),
  });
  expect(await rejectionOf(bob.removeMessageReaction(received, 'frown'))).toMatchObject({ code: 23008 });
  expect(await rejectionOf(carol.removeMessageReaction(received, 'smile'))).toMatchObject({ code: 23009 });
  expect(
    await rejectionOf(bob.getAllUserListOfMessageReaction({ message: received, reactionID: 'frown' })),
  ).toMatchObject({ code: 23008 });

  for (let i = 1; i < 10; i++) await bob.addMessageReaction(received, `r${i}`);
  expect(await rejectionOf(carol.addMessageReaction(received, 'r10'))).toMatchObject({
    code: 23005,
    message: expect.stringMatching(/10 different reactions/),
  });
  await carol.addMessageReaction(received, 'r9');
});

test('refusals: not a member (10007), a message that is not there or not for you (90008), bad arguments (90003)', async () => {
  const { groupID, received } = await groupMessage();
  const unsent = dave.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'x' } });
  expect(await rejectionOf(dave.addMessageReaction(received, 'smile'))).toMatchObject({ code: 10007 });
  expect(await rejectionOf(dave.getMessageReactions({ messageList: [received] }))).toMatchObject({ code: 10007 });
  expect(
    await rejectionOf(dave.getAllUserListOfMessageReaction({ message: received, reactionID: 'smile' })),
  ).toMatchObject({ code: 10007 });
  expect(await rejectionOf(dave.removeMessageReaction(received, 'smile'))).toMatchObject({ code: 10007 });

  // A message of alice's C2C chat with bob, named in dave's chat with bob.
  const secret = (await sendText(alice, 'bob', 'secret')).data.message;
  const forged = Object.assign(Object.create(Object.getPrototypeOf(secret) as object) as Message, secret, {
    conversationID: 'C2Cbob',
  });
  expect(await rejectionOf(dave.addMessageReaction(forged, 'smile'))).toMatchObject({ code: 90008 });

  // A targeted group message for carol only: bob may not react to it.
  const targeted = await sendGroupText(alice, groupID, 'carol only', { receiverList: ['carol'] });
  const hidden = Object.assign(Object.create(Object.getPrototypeOf(received) as object) as Message, received, {
    ID: targeted.data.message.ID,
  });
  expect(await rejectionOf(bob.addMessageReaction(hidden, 'smile'))).toMatchObject({ code: 90008 });

  expect(await rejectionOf(bob.addMessageReaction(unsent, 'smile'))).toMatchObject({
    code: 90003,
    message: expect.stringMatching(/stored/),
  });
  expect(await rejectionOf(bob.addMessageReaction(received, ''))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(bob.addMessageReaction(received, 'x'.repeat(65)))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(bob.getMessageReactions({ messageList: [] }))).toMatchObject({ code: 90003 });
  expect(
    await rejectionOf(bob.getMessageReactions({ messageList: [received], maxUserCountPerReaction: 11 })),
  ).toMatchObject({ code: 90003 });
  expect(
    await rejectionOf(bob.getAllUserListOfMessageReaction({ message: received, reactionID: 'smile', count: 101 })),
  ).toMatchObject({ code: 90003 });
});

test('a reaction holds at most 100 users: the 101st gets 23006', async () => {
  const users = Array.from({ length: 101 }, (_, i) => `fan${i}`);
  await alice.createGroup({
    name: 'fans',
    groupID: 'fans',
    type: TYPES.GRP_PUBLIC,
    memberList: users.map((userID) => ({ userID })),
  });
  const sent = (await sendGroupText(alice, 'fans', 'like this')).data.message;
  const ref = { conversationID: 'GROUPfans', ID: sent.ID };
  const answers: number[] = [];
  for (let i = 0; i < users.length; i += 20) {
    const clients = await Promise.all(
      users
        .slice(i, i + 20)
        .map((userID) => RawClient.login(server.socketURL, TEST_SDKAPPID, userID, server.userSig(userID))),
    );
    for (const client of clients) {
      const answer = await client.request('addMessageReaction', { message: ref, reactionID: 'like' });
      answers.push(answer.t === 'res' ? answer.code : -1);
      client.close();
    }
  }
  expect(answers.slice(0, 100).every((code) => code === 0)).toBe(true);
  expect(answers[100]).toBe(23006);
});
