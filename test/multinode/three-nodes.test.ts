import TencentCloudChat from 'tidings';
import type { ServerFrame } from '../../protocol/frames';
import type { WireMessage } from '../../protocol/messages';
import { startDeployment, type Deployment } from '../helpers/deployment';
import { download, makeImage, sha256 } from '../helpers/files';
import { RawClient } from '../helpers/raw-client';
import { destroyAll, inbox, nextEvent, readyChat, sendGroupText, until, type Chat } from '../helpers/sdk';
import { TEST_SDKAPPID, type ServerProcess } from '../helpers/server-process';
import { wireTextDraft } from '../helpers/wire-message';

/**
 * Three server nodes on one PostgreSQL, one Redis and one S3 bucket: users connected to different
 * nodes (and one user to two at once) talk as if there were one server.
 */
let deployment: Deployment;
let nodes: ServerProcess[];
const GROUP_PER_SECOND = 40;

beforeAll(async () => {
  deployment = await startDeployment({ nodes: 3, settings: { groupSendGatherMs: 50 } });
  nodes = deployment.nodes;
}, 60_000);
afterAll(async () => {
  await deployment?.close();
});
afterEach(destroyAll);

const sendText = (chat: Chat, to: string, text: string) =>
  chat.sendMessage(
    chat.createTextMessage({ to, conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { text } }),
  );

test('C2C across nodes: the peer on another node gets it live, and every device of the sender (on two nodes) gets its copy', async () => {
  const alice = await readyChat(nodes[0], 'alice');
  const aliceElsewhere = await readyChat(nodes[2], 'alice');
  const bob = await readyChat(nodes[1], 'bob');
  const bobGot = inbox(bob);
  const syncedToOtherDevice = inbox(aliceElsewhere);

  const { data } = await sendText(alice, 'bob', 'hello from node 0');
  await until(() => bobGot.length === 1 && syncedToOtherDevice.length === 1, 10_000);
  expect(bobGot[0]).toMatchObject({ ID: data.message.ID, from: 'alice', flow: 'in', sequence: 1 });
  expect(syncedToOtherDevice[0]).toMatchObject({ ID: data.message.ID, flow: 'out' });

  // History and the conversation list read the same stored data from any node.
  const bobOnNode2 = await readyChat(nodes[2], 'bob');
  const { data: list } = await bobOnNode2.getConversationList();
  expect(list.conversationList).toEqual([expect.objectContaining({ conversationID: 'C2Calice', unreadCount: 1 })]);
});

test('group messages across nodes: @ mentions and receiverList reach exactly their audience', async () => {
  const [alice, bob, carol] = [
    await readyChat(nodes[0], 'g-alice'),
    await readyChat(nodes[1], 'g-bob'),
    await readyChat(nodes[2], 'g-carol'),
  ];
  await alice.createGroup({
    name: 'team',
    groupID: 'team3',
    type: TencentCloudChat.TYPES.GRP_WORK,
    memberList: [{ userID: 'g-bob' }, { userID: 'g-carol' }],
  });
  const bobGot = inbox(bob);
  const carolGot = inbox(carol);
  const mention = alice.createTextAtMessage({
    to: 'team3',
    conversationType: TencentCloudChat.TYPES.CONV_GROUP,
    payload: { text: '@g-bob look', atUserList: ['g-bob'] },
  });
  await alice.sendMessage(mention);
  await sendGroupText(alice, 'team3', 'only carol', { receiverList: ['g-carol'] });
  await until(() => bobGot.length >= 1 && carolGot.length >= 2, 10_000);
  await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more is on its way to bob
  expect(bobGot.map((m) => m.payload.text)).toEqual(['@g-bob look']);
  expect(carolGot.map((m) => m.payload.text)).toEqual(['@g-bob look', 'only carol']);
  const { data } = await bob.getConversationList();
  const team = data.conversationList.find((c) => c.conversationID === 'GROUPteam3');
  expect(team?.groupAtInfoList).toHaveLength(1);
});

test('a file uploaded through one node downloads through another, byte for byte', async () => {
  const alice = await readyChat(nodes[0], 'f-alice');
  const bob = await readyChat(nodes[1], 'f-bob');
  const bytes = await makeImage(640, 480);
  const received = nextEvent(bob, TencentCloudChat.EVENT.MESSAGE_RECEIVED, 20_000);
  await alice.sendMessage(
    alice.createImageMessage({
      to: 'f-bob',
      conversationType: TencentCloudChat.TYPES.CONV_C2C,
      payload: { file: new File([bytes], 'photo.png', { type: 'image/png' }) },
    }),
  );
  const [got] = (await received) as Array<{ payload: { imageInfoArray: Array<{ url: string }> } }>;
  const original = new URL(got.payload.imageInfoArray[0].url);
  const throughNode2 = new URL(original.pathname + original.search, nodes[2].url);
  const response = await download(throughNode2.toString());
  expect(response.status).toBe(200);
  expect(sha256(response.body)).toBe(sha256(bytes));
});

test('read receipts cross nodes', async () => {
  const alice = await readyChat(nodes[0], 'r-alice');
  const bob = await readyChat(nodes[1], 'r-bob');
  const received = nextEvent(bob, TencentCloudChat.EVENT.MESSAGE_RECEIVED, 10_000);
  const message = alice.createTextMessage({
    to: 'r-bob',
    conversationType: TencentCloudChat.TYPES.CONV_C2C,
    payload: { text: 'read me' },
    needReadReceipt: true,
  });
  await alice.sendMessage(message);
  const [got] = (await received) as Parameters<Chat['sendMessageReadReceipt']>[0];
  const receipt = nextEvent(alice, TencentCloudChat.EVENT.MESSAGE_READ_RECEIPT_RECEIVED, 10_000);
  expect((await bob.sendMessageReadReceipt([got])).code).toBe(0);
  expect(await receipt).toEqual([expect.objectContaining({ messageID: message.ID })]);
});

test(`the group budget holds across nodes: of one burst spread over three nodes, exactly ${GROUP_PER_SECOND} are stored`, async () => {
  const members = ['b0', 'b1', 'b2'];
  const clients = await Promise.all(
    members.map((userID, i) => RawClient.login(nodes[i].socketURL, TEST_SDKAPPID, userID, nodes[i].userSig(userID))),
  );
  try {
    const created = await clients[0].request('createGroup', {
      name: 'burst',
      type: 'Public',
      groupID: 'burst',
      memberList: members.slice(1).map((userID) => ({ userID })),
    });
    expect(created).toMatchObject({ code: 0 });
    const perNode = 30; // 90 in all, well past the budget, sent within one gathering of each node
    const answers = await Promise.all(
      clients.map(async (client) => {
        const ids = client.burst(
          Array.from({ length: perNode }, (_, i) => ({
            op: 'send',
            d: wireTextDraft({
              conversationType: 'GROUP',
              to: 'burst',
              payload: { text: `${client === clients[0]} ${i}` },
            }),
          })),
        );
        return Promise.all(
          ids.map((id) => client.waitFor((frame: ServerFrame) => frame.t === 'res' && frame.id === id)),
        );
      }),
    );
    const sequences = answers.flat().map((answer) => {
      if (answer.t !== 'res' || answer.code !== 0) throw new Error(`send refused: ${JSON.stringify(answer)}`);
      return (answer.d as WireMessage).sequence;
    });
    const stored = sequences.filter((sequence) => sequence > 0);
    expect(stored).toHaveLength(GROUP_PER_SECOND);
    // Distinct and gapless: the three nodes numbered one conversation without a single writer.
    const sorted = [...stored].sort((a, b) => a - b);
    expect(sorted).toEqual(Array.from({ length: GROUP_PER_SECOND }, (_, i) => sorted[0] + i));
  } finally {
    for (const client of clients) client.close();
  }
});
