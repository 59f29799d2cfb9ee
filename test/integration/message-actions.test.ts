import TencentCloudChat from 'tidings';
import { LossyProxy } from '../helpers/lossy-proxy';
import { ServerProcess } from '../helpers/server-process';
import {
  conversation,
  destroyAll,
  nextEvent,
  readyChat,
  rejectionOf,
  sendGroupText,
  sendText,
  until,
  type Chat,
} from '../helpers/sdk';

/** revokeMessage, deleteMessage, modifyMessage and findMessage through the real server, with every refusal they give. */
const { TYPES, EVENT } = TencentCloudChat;
type Message = Awaited<ReturnType<Chat['sendMessage']>>['data']['message'];

let server: ServerProcess;
let alice: Chat, bob: Chat, carol: Chat;

async function start(settings?: Record<string, unknown>) {
  server = await ServerProcess.start(settings ? { settings } : {});
  [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server, id)));
  // alice owns the group; bob and carol are members.
  await alice.createGroup({ name: 'team', groupID: 'team', memberList: [{ userID: 'bob' }, { userID: 'carol' }] });
}

afterEach(async () => {
  await destroyAll();
  await server.close();
});

async function lastReceived(chat: Chat, conversationID: string): Promise<Message> {
  const { messageList } = (await chat.getMessageList({ conversationID })).data;
  return messageList[messageList.length - 1];
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A copy of a stored message under an ID the server has never seen. */
function ghostOf(message: Message): Message {
  return Object.assign(Object.create(Object.getPrototypeOf(message) as object) as Message, message, {
    ID: 'no-such-message',
  });
}

describe('revokeMessage', () => {
  beforeEach(() => start());

  test('C2C: the sender revokes; the peer and the sender’s other device get MESSAGE_REVOKED; history and lastMessage show it', async () => {
    const aliceElsewhere = await readyChat(server, 'alice');
    const { message } = (await sendText(alice, 'bob', 'oops')).data;
    await until(() => bob.getTotalUnreadMessageCount() === 1);
    const toBob = nextEvent(bob, EVENT.MESSAGE_REVOKED);
    const toOtherDevice = nextEvent(aliceElsewhere, EVENT.MESSAGE_REVOKED);

    const { data } = await alice.revokeMessage(message);
    expect(data.message).toBe(message);
    expect(message).toMatchObject({ isRevoked: true, revoker: 'alice', revokerInfo: { userID: 'alice' } });
    for (const event of [await toBob, await toOtherDevice])
      expect(event).toEqual([expect.objectContaining({ ID: message.ID, isRevoked: true, revoker: 'alice' })]);

    expect(await lastReceived(bob, 'C2Calice')).toMatchObject({ ID: message.ID, isRevoked: true, revoker: 'alice' });
    expect((await conversation(bob, 'C2Calice'))?.lastMessage?.isRevoked).toBe(true);
    expect((await conversation(alice, 'C2Cbob'))?.lastMessage?.isRevoked).toBe(true);
  });

  test('a user who was offline sees the revoke at the next login: in the conversation list and in history', async () => {
    const { message } = (await sendText(alice, 'bob', 'gone soon')).data;
    await bob.destroy();
    await alice.revokeMessage(message);
    const bobAgain = await readyChat(server, 'bob');
    expect((await conversation(bobAgain, 'C2Calice'))?.lastMessage).toMatchObject({ isRevoked: true });
    expect(await lastReceived(bobAgain, 'C2Calice')).toMatchObject({ ID: message.ID, isRevoked: true });
  });

  test('group: the owner may revoke a member’s message; every member is told; a second revoke tells nobody again', async () => {
    const { message } = (await sendGroupText(bob, 'team', 'off topic')).data;
    const toCarol = nextEvent(carol, EVENT.MESSAGE_REVOKED);
    const toBob = nextEvent(bob, EVENT.MESSAGE_REVOKED);
    const received = await lastReceived(alice, 'GROUPteam');
    await alice.revokeMessage(received);
    expect(received).toMatchObject({ isRevoked: true, revoker: 'alice' });
    expect(((await toCarol) as Message[])[0]).toMatchObject({ ID: message.ID, isRevoked: true, revoker: 'alice' });
    expect(((await toBob) as Message[])[0]).toMatchObject({ ID: message.ID, isRevoked: true });
    expect(message.isRevoked).toBe(true);

    let again = 0;
    carol.on(EVENT.MESSAGE_REVOKED, () => (again += 1));
    expect((await bob.revokeMessage(message)).data.message.isRevoked).toBe(true);
    await sendGroupText(bob, 'team', 'after');
    await until(() => carol.getTotalUnreadMessageCount() === 2);
    expect(again).toBe(0);
  });

  test('refusals: someone else’s message (10007), an unknown one (20026), not a member (10007), bad arguments (90003)', async () => {
    const { message } = (await sendText(alice, 'bob', 'mine')).data;
    const atBob = await lastReceived(bob, 'C2Calice');
    expect(await rejectionOf(bob.revokeMessage(atBob))).toMatchObject({ code: 10007, message: /sender/ });

    await sendGroupText(bob, 'team', 'bob says');
    const bobsMessage = await lastReceived(carol, 'GROUPteam');
    expect(await rejectionOf(carol.revokeMessage(bobsMessage))).toMatchObject({ code: 10007, message: /owner/ });
    expect(await rejectionOf(alice.revokeMessage(ghostOf(message)))).toMatchObject({ code: 20026 });
    await carol.quitGroup('team');
    expect(await rejectionOf(carol.revokeMessage(bobsMessage))).toMatchObject({ code: 10007 });

    const unsent = alice.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'x' } });
    expect(await rejectionOf(alice.revokeMessage(unsent))).toMatchObject({ code: 90003 });
    expect(await rejectionOf(alice.revokeMessage({ ID: message.ID } as never))).toMatchObject({ code: 90003 });
    expect(message.isRevoked).toBe(false);
    expect(atBob.isRevoked).toBe(false);
  });
});

describe('a revoke or modify whose push was lost', () => {
  let proxy: LossyProxy;
  beforeEach(async () => {
    await start();
    proxy = await LossyProxy.start(server.socketURL);
  });
  afterEach(() => proxy.close());

  test('is reported on the object the SDK holds when the message is read again, or when the list is reloaded after a reconnect', async () => {
    const bobAway = await readyChat(server, 'bob', proxy.url);
    const { message: first } = (await sendText(alice, 'bob', 'first')).data;
    await until(() => bobAway.findMessage(first.ID) !== null);
    const heldFirst = bobAway.findMessage(first.ID)!;
    proxy.drop(() => true);
    await alice.revokeMessage(first);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heldFirst.isRevoked).toBe(false);
    const revoked = nextEvent(bobAway, EVENT.MESSAGE_REVOKED);
    await bobAway.getMessageList({ conversationID: 'C2Calice' });
    expect(await revoked).toEqual([heldFirst]);
    expect(heldFirst).toMatchObject({ isRevoked: true, revoker: 'alice' });

    proxy.deliverAll();
    const { message: second } = (await sendText(alice, 'bob', 'second')).data;
    await until(() => bobAway.findMessage(second.ID) !== null);
    const heldSecond = bobAway.findMessage(second.ID)!;
    proxy.drop(() => true);
    second.payload.text = 'second, edited';
    await alice.modifyMessage(second);
    const modified = nextEvent(bobAway, EVENT.MESSAGE_MODIFIED);
    proxy.deliverAll();
    proxy.disconnectAll();
    expect(await modified).toEqual([heldSecond]);
    expect(heldSecond).toMatchObject({ isModified: true, version: 1, payload: { text: 'second, edited' } });
    expect(bobAway.findMessage(second.ID)).toBe(heldSecond);
    expect((await conversation(bobAway, 'C2Calice'))?.lastMessage?.messageForShow).toBe('second, edited');
  });
});

describe('revokeMessage past the time limit (revokeTimeLimitSeconds: 1)', () => {
  beforeEach(() => start({ revokeTimeLimitSeconds: 1 }));

  test('C2C 20016 and group 10031 for the sender; the group owner may still revoke', async () => {
    const { message: c2c } = (await sendText(alice, 'bob', 'old news')).data;
    const { message: group } = (await sendGroupText(bob, 'team', 'old group news')).data;
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(await rejectionOf(alice.revokeMessage(c2c))).toMatchObject({ code: 20016, message: /1 seconds/ });
    expect(await rejectionOf(bob.revokeMessage(group))).toMatchObject({ code: 10031 });
    expect(c2c.isRevoked).toBe(false);
    const byOwner = await lastReceived(alice, 'GROUPteam');
    expect((await alice.revokeMessage(byOwner)).data.message).toMatchObject({ isRevoked: true, revoker: 'alice' });
  });

  test('a group admin may revoke any member’s message at any time too', async () => {
    // A Work group has no admins: a Public one names carol admin.
    const club = { name: 'club', type: TYPES.GRP_PUBLIC, groupID: 'club' };
    await alice.createGroup({ ...club, memberList: [{ userID: 'bob' }, { userID: 'carol' }] });
    await alice.setGroupMemberRole({ groupID: 'club', userID: 'carol', role: TYPES.GRP_MBR_ROLE_ADMIN });
    await sendGroupText(bob, 'club', 'old group news');
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const byAdmin = await lastReceived(carol, 'GROUPclub');
    expect((await carol.revokeMessage(byAdmin)).data.message).toMatchObject({ isRevoked: true, revoker: 'carol' });
  });
});

describe('deleteMessage', () => {
  beforeEach(() => start());

  test('hidden for this user only, on every device: history and lastMessage go back to the message before', async () => {
    const bobElsewhere = await readyChat(server, 'bob');
    await sendText(alice, 'bob', 'keep');
    await sendText(alice, 'bob', 'delete me');
    await until(() => bob.getTotalUnreadMessageCount() === 2);
    const toDelete = await lastReceived(bob, 'C2Calice');

    const { data } = await bob.deleteMessage([toDelete]);
    expect(data.messageList).toEqual([toDelete]);
    expect(toDelete.isDeleted).toBe(true);
    const texts = async (chat: Chat, id: string) =>
      (await chat.getMessageList({ conversationID: id })).data.messageList.map((m) => m.payload.text);
    expect(await texts(bob, 'C2Calice')).toEqual(['keep']);
    expect(await texts(alice, 'C2Cbob')).toEqual(['keep', 'delete me']);

    for (const device of [bob, bobElsewhere])
      await eventually(async () => (await conversation(device, 'C2Calice'))?.lastMessage?.messageForShow === 'keep');
    const bobLater = await readyChat(server, 'bob');
    expect((await conversation(bobLater, 'C2Calice'))?.lastMessage?.messageForShow).toBe('keep');
    expect((await conversation(alice, 'C2Cbob'))?.lastMessage?.messageForShow).toBe('delete me');
    expect(
      (await bobLater.getMessageListHopping({ conversationID: 'C2Calice', sequence: 1, direction: 1 })).data
        .messageList,
    ).toHaveLength(1);
  });

  test('refusals: none or more than 30 messages, two conversations, unsent (90003); unknown (20026); not a member (10007)', async () => {
    await sendText(alice, 'bob', 'one');
    await sendGroupText(alice, 'team', 'two');
    const c2c = await lastReceived(bob, 'C2Calice');
    const group = await lastReceived(bob, 'GROUPteam');
    expect(await rejectionOf(bob.deleteMessage([]))).toMatchObject({ code: 90003 });
    expect(await rejectionOf(bob.deleteMessage(Array(31).fill(c2c) as Message[]))).toMatchObject({ code: 90003 });
    expect(await rejectionOf(bob.deleteMessage([c2c, group]))).toMatchObject({ code: 90003 });
    const unsent = bob.createTextMessage({ to: 'alice', conversationType: TYPES.CONV_C2C, payload: { text: 'x' } });
    expect(await rejectionOf(bob.deleteMessage([unsent]))).toMatchObject({ code: 90003 });
    expect(await rejectionOf(bob.deleteMessage([c2c, ghostOf(c2c)]))).toMatchObject({ code: 20026 });
    await bob.quitGroup('team');
    expect(await rejectionOf(bob.deleteMessage([group]))).toMatchObject({ code: 10007 });
    // Nothing was hidden by the refused calls.
    expect((await bob.getMessageList({ conversationID: 'C2Calice' })).data.messageList).toHaveLength(1);
  });
});

describe('modifyMessage', () => {
  beforeEach(() => start());

  test('the new text reaches everyone (MESSAGE_MODIFIED), history and lastMessage; version and isModified grow', async () => {
    const { message } = (await sendGroupText(alice, 'team', 'helo')).data;
    const toBob = nextEvent(bob, EVENT.MESSAGE_MODIFIED);
    const toCarol = nextEvent(carol, EVENT.MESSAGE_MODIFIED);
    message.payload.text = 'hello';
    message.cloudCustomData = '{"edited":true}';
    const { data } = await alice.modifyMessage(message);
    expect(data.message).toBe(message);
    expect(message).toMatchObject({ isModified: true, version: 1, payload: { text: 'hello' } });
    for (const event of [await toBob, await toCarol])
      expect(event).toEqual([
        expect.objectContaining({
          ID: message.ID,
          isModified: true,
          version: 1,
          payload: expect.objectContaining({ text: 'hello' }),
          cloudCustomData: '{"edited":true}',
        }),
      ]);
    expect(await lastReceived(carol, 'GROUPteam')).toMatchObject({ payload: { text: 'hello' }, version: 1 });
    expect((await conversation(bob, 'GROUPteam'))?.lastMessage?.messageForShow).toBe('hello');

    // Any member may modify (the reference's rule): bob edits the current version.
    const atBob = await lastReceived(bob, 'GROUPteam');
    atBob.payload.text = 'hello, all';
    expect((await bob.modifyMessage(atBob)).data.message.version).toBe(2);
  });

  test('an edit keeps whom a text-at message mentioned: it neither adds nor drops a mention', async () => {
    const at = alice.createTextAtMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: '@bob hi', atUserList: ['bob'] },
    });
    await alice.sendMessage(at);
    at.payload.text = '@bob hello';
    at.payload.atUserList = ['bob', 'carol'];
    await alice.modifyMessage(at);
    expect(at.payload).toEqual({ text: '@bob hello', atUserList: ['bob'] });

    const { message: plain } = (await sendGroupText(alice, 'team', 'plain')).data;
    plain.payload.atUserList = ['carol'];
    await alice.modifyMessage(plain);
    expect(plain.payload).toEqual({ text: 'plain' });
  });

  test('a stale version is refused with 2480 and the current message; the stored one is unchanged', async () => {
    await sendGroupText(alice, 'team', 'v0');
    const stale = await lastReceived(bob, 'GROUPteam');
    // bob reads the page again: the SDK keeps this newer object up to date, so `stale` stays at version 0.
    await lastReceived(bob, 'GROUPteam');
    const fresh = await lastReceived(carol, 'GROUPteam');
    fresh.payload.text = 'carol was first';
    await carol.modifyMessage(fresh);
    await until(() => bob.findMessage(stale.ID)?.version === 1);
    expect(stale.version).toBe(0);
    stale.payload.text = 'bob overwrites';
    const error = (await rejectionOf(bob.modifyMessage(stale))) as unknown as {
      code: number;
      data: { message: Message };
    };
    expect(error.code).toBe(2480);
    expect(error.data.message).toMatchObject({ ID: stale.ID, version: 1, payload: { text: 'carol was first' } });
    expect(await lastReceived(alice, 'GROUPteam')).toMatchObject({ payload: { text: 'carol was first' } });
  });

  test('refusals: revoked or bad payload or unsent (90003), over 12 KB (80002), unknown (20026), not a member (10007)', async () => {
    const { message } = (await sendText(alice, 'bob', 'short')).data;
    message.payload.text = 5 as never;
    expect(await rejectionOf(alice.modifyMessage(message))).toMatchObject({ code: 90003, message: /payload.text/ });
    message.payload.text = 'x'.repeat(13 * 1024);
    expect(await rejectionOf(alice.modifyMessage(message))).toMatchObject({ code: 80002 });
    message.payload.text = 'fine';
    expect(await rejectionOf(alice.modifyMessage(ghostOf(message)))).toMatchObject({ code: 20026 });
    const unsent = alice.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'x' } });
    expect(await rejectionOf(alice.modifyMessage(unsent))).toMatchObject({ code: 90003 });

    await sendGroupText(alice, 'team', 'team news');
    const inGroup = await lastReceived(carol, 'GROUPteam');
    await carol.quitGroup('team');
    inGroup.payload.text = 'rewritten by a leaver';
    expect(await rejectionOf(carol.modifyMessage(inGroup))).toMatchObject({ code: 10007 });

    await alice.revokeMessage(message);
    expect(await rejectionOf(alice.modifyMessage(message))).toMatchObject({ code: 90003, message: /revoked/ });
    expect(await lastReceived(bob, 'C2Calice')).toMatchObject({ payload: { text: 'short' }, version: 1 });
  });
});

describe('findMessage', () => {
  beforeEach(() => start());

  test('answers from the messages this instance sent, received or read, and null for others', async () => {
    const { message } = (await sendText(alice, 'bob', 'find me')).data;
    expect(alice.findMessage(message.ID)).toBe(message);
    await until(() => bob.findMessage(message.ID) !== null);
    expect(bob.findMessage(message.ID)).toMatchObject({ ID: message.ID, flow: 'in', payload: { text: 'find me' } });
    expect(carol.findMessage(message.ID)).toBeNull();
    expect(alice.findMessage('nothing-like-it')).toBeNull();
    expect(alice.findMessage(42 as never)).toBeNull();
  });
});
