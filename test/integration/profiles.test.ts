import TencentCloudChat from 'tidings';
import { RawClient } from '../helpers/raw-client';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { conversation, destroyAll, inbox, nextEvent, readyChat, rejectionOf, sendText, until } from '../helpers/sdk';

/** getMyProfile, getUserProfile, updateMyProfile, PROFILE_UPDATED, and the nicks and avatars messages, conversations and members show. */
const { TYPES, EVENT } = TencentCloudChat;
let server: ServerProcess;

beforeAll(async () => {
  // Friend requests are answered at once here: these tests are about profiles, not consent.
  server = await ServerProcess.start({ settings: { defaultAllowType: TYPES.ALLOW_TYPE_ALLOW_ANY } });
});

afterEach(destroyAll);

afterAll(async () => {
  await server?.close();
});

test('a user who never set a profile has the default one', async () => {
  const fresh = await readyChat(server, 'fresh');
  const { data } = await fresh.getMyProfile();
  expect(data).toEqual({
    userID: 'fresh',
    nick: '',
    gender: TYPES.GENDER_UNKNOWN,
    birthday: 0,
    location: '',
    selfSignature: '',
    allowType: TYPES.ALLOW_TYPE_ALLOW_ANY,
    language: 0,
    avatar: '',
    messageSettings: 0,
    adminForbidType: TYPES.FORBID_TYPE_NONE,
    level: 0,
    role: 0,
    lastUpdatedTime: 0,
    profileCustomField: [],
  });
});

test('updateMyProfile stores every field; getUserProfile and getMyProfile read them back; a new login sees them', async () => {
  const ann = await readyChat(server, 'ann');
  const update = {
    nick: 'Ann 🌸',
    avatar: 'https://example.com/ann.png',
    gender: TYPES.GENDER_FEMALE,
    selfSignature: 'hello',
    allowType: TYPES.ALLOW_TYPE_NEED_CONFIRM,
    birthday: 20000101,
    location: '1 2 3 4',
    language: 2,
    messageSettings: 1,
    level: 7,
    role: 3,
    profileCustomField: [{ key: 'Tag_Profile_Custom_Hobby', value: 'chess' }],
  };
  const { data: updated } = await ann.updateMyProfile(update);
  expect(updated).toMatchObject({ userID: 'ann', ...update, lastUpdatedTime: expect.any(Number) });
  expect(updated.lastUpdatedTime).toBeGreaterThan(0);

  // Only what is named changes; a custom field merges by key, and an empty value removes it.
  await ann.updateMyProfile({
    level: 8,
    profileCustomField: [
      { key: 'Tag_Profile_Custom_Pet', value: 'cat' },
      { key: 'Tag_Profile_Custom_Hobby', value: '' },
    ],
  });
  const viewer = await readyChat(server, 'annviewer');
  const { data: list } = await viewer.getUserProfile({ userIDList: ['ann', 'nobody'] });
  expect(list).toEqual([
    expect.objectContaining({
      userID: 'ann',
      nick: 'Ann 🌸',
      level: 8,
      profileCustomField: [{ key: 'Tag_Profile_Custom_Pet', value: 'cat' }],
    }),
    expect.objectContaining({ userID: 'nobody', nick: '' }),
  ]);
  await ann.logout();
  const again = await readyChat(server, 'ann');
  expect((await again.getMyProfile()).data).toMatchObject({ nick: 'Ann 🌸', level: 8 });
});

const REFUSED_UPDATES: Array<[string, number, Record<string, unknown>, RegExp]> = [
  ['a nick over 500 bytes', 40601, { nick: 'é'.repeat(251) }, /nick must be a string of at most 500 bytes/],
  ['an avatar over 500 bytes', 40601, { avatar: 'x'.repeat(501) }, /avatar/],
  ['a selfSignature over 500 bytes', 40601, { selfSignature: 'x'.repeat(501) }, /selfSignature/],
  ['a location over 16 bytes', 40601, { location: 'x'.repeat(17) }, /location must be a string of at most 16 bytes/],
  ['a gender not of TYPES', 40605, { gender: 'robot' }, /gender must be one of/],
  ['an allowType not of TYPES', 40605, { allowType: 'Maybe' }, /allowType/],
  [
    'a custom key without the prefix',
    40009,
    { profileCustomField: [{ key: 'Hobby', value: 'x' }] },
    /Tag_Profile_Custom_/,
  ],
  [
    'a custom key over 8 characters',
    40009,
    { profileCustomField: [{ key: 'Tag_Profile_Custom_TooLongKey', value: 'x' }] },
    /key/,
  ],
  [
    'a custom value over 500 bytes',
    40601,
    { profileCustomField: [{ key: 'Tag_Profile_Custom_A', value: 'x'.repeat(501) }] },
    /value/,
  ],
  ['a birthday that is not a uint32', 90003, { birthday: -1 }, /birthday must be a whole number/],
  ['a level that is a string', 90003, { level: '3' }, /level/],
  ['nothing to change', 90003, {}, /at least one profile field/],
];

test.each(REFUSED_UPDATES)('updateMyProfile refuses %s → %i (SDK)', async (_what, code, update, message) => {
  const zed = await readyChat(server, 'zed');
  const refused = await rejectionOf(zed.updateMyProfile(update));
  expect(refused).toMatchObject({ code, message: expect.stringMatching(message) });
  expect((await zed.getMyProfile()).data.lastUpdatedTime).toBe(0);
});

test.each(REFUSED_UPDATES)(
  'the server refuses %s → %i too, and stores nothing',
  async (_what, code, update, message) => {
    const raw = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'rawzed', server.userSig('rawzed'));
    try {
      expect(await raw.request('updateMyProfile', update)).toMatchObject({ code, msg: expect.stringMatching(message) });
      expect(await raw.request('getMyProfile', {})).toMatchObject({ code: 0, d: { profile: { lastUpdatedTime: 0 } } });
    } finally {
      raw.close();
    }
  },
);

test('more than 20 custom fields in all is refused and nothing is stored', async () => {
  const many = await readyChat(server, 'many');
  const fields = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ key: `Tag_Profile_Custom_k${from + i}`, value: 'v' }));
  await many.updateMyProfile({ profileCustomField: fields(0, 15) });
  expect(await rejectionOf(many.updateMyProfile({ nick: 'x', profileCustomField: fields(100, 6) }))).toMatchObject({
    code: 90003,
    message: expect.stringMatching(/at most 20 custom fields/),
  });
  expect((await many.getMyProfile()).data).toMatchObject({ nick: '', profileCustomField: fields(0, 15) });
});

test('getUserProfile refuses a bad userIDList with 90003', async () => {
  const bad = await readyChat(server, 'badlist');
  expect(await rejectionOf(bad.getUserProfile({ userIDList: [] }))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(bad.getUserProfile({ userIDList: ['no spaces'] }))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(bad.getUserProfile(undefined as never))).toMatchObject({ code: 90003 });
});

test('PROFILE_UPDATED reaches the same instance, the user’s other devices and their friends, not strangers', async () => {
  const [phone, laptop, friend, stranger] = await Promise.all(
    ['pat', 'pat', 'patfriend', 'patstranger'].map((id) => readyChat(server, id)),
  );
  await phone.addFriend({ to: 'patfriend' });
  const heard: string[] = [];
  stranger.on(EVENT.PROFILE_UPDATED, () => heard.push('stranger'));
  const onPhone = nextEvent(phone, EVENT.PROFILE_UPDATED);
  const onLaptop = nextEvent(laptop, EVENT.PROFILE_UPDATED);
  const onFriend = nextEvent(friend, EVENT.PROFILE_UPDATED);
  await phone.updateMyProfile({ nick: 'Pat' });
  for (const data of await Promise.all([onPhone, onLaptop, onFriend]))
    expect(data).toEqual([expect.objectContaining({ userID: 'pat', nick: 'Pat' })]);
  await stranger.getMyProfile();
  expect(heard).toEqual([]);
});

test('messages carry the sender’s nick and avatar, live and in history; a later change shows on later messages', async () => {
  const [sam, tom] = await Promise.all(['sam', 'tom'].map((id) => readyChat(server, id)));
  const received = inbox(tom);
  await sendText(sam, 'tom', 'before any profile');
  await sam.updateMyProfile({ nick: 'Sam', avatar: 'https://example.com/sam.png' });
  const { data } = await sendText(sam, 'tom', 'with a profile');
  expect(data.message).toMatchObject({ nick: 'Sam', avatar: 'https://example.com/sam.png' });
  await until(() => received.length === 2);
  expect(received[1]).toMatchObject({ nick: 'Sam', avatar: 'https://example.com/sam.png' });

  await sam.updateMyProfile({ nick: 'Samuel' });
  await sendText(sam, 'tom', 'renamed');
  const { data: page } = await tom.getMessageList({ conversationID: 'C2Csam' });
  expect(page.messageList.map((m) => [m.payload.text, m.nick])).toEqual([
    // Stored before sam had a nick: history shows the current one.
    ['before any profile', 'Samuel'],
    // Stored with the nick of its time, as the reference keeps it.
    ['with a profile', 'Sam'],
    ['renamed', 'Samuel'],
  ]);
});

test('the conversation list shows the peer’s nick and avatar and the group’s name, and follows a friend’s change', async () => {
  const [uma, vic] = await Promise.all(['uma', 'vic'].map((id) => readyChat(server, id)));
  await vic.updateMyProfile({ nick: 'Vic', avatar: 'https://example.com/vic.png' });
  await uma.addFriend({ to: 'vic' });
  await uma.createGroup({
    name: 'Book club',
    type: TYPES.GRP_PUBLIC,
    groupID: 'bookclub',
    memberList: [{ userID: 'vic' }],
  });
  await sendText(vic, 'uma', 'hi');
  const group = vic.createTextMessage({ to: 'bookclub', conversationType: TYPES.CONV_GROUP, payload: { text: 'hey' } });
  await vic.sendMessage(group);
  await uma.logout();
  const fresh = await readyChat(server, 'uma');
  expect(await conversation(fresh, 'C2Cvic')).toMatchObject({
    userProfile: { userID: 'vic', nick: 'Vic', avatar: 'https://example.com/vic.png' },
  });
  expect(await conversation(fresh, 'GROUPbookclub')).toMatchObject({
    groupProfile: { groupID: 'bookclub', name: 'Book club', type: TYPES.GRP_PUBLIC },
  });

  const changed = nextEvent(fresh, EVENT.CONVERSATION_LIST_UPDATED);
  await vic.updateMyProfile({ nick: 'Victoria' });
  await changed;
  expect(await conversation(fresh, 'C2Cvic')).toMatchObject({ userProfile: { nick: 'Victoria' } });
});

test('a C2C conversation this user started shows the peer’s nick once the SDK has looked it up', async () => {
  const [wes, xia] = await Promise.all(['wes', 'xia'].map((id) => readyChat(server, id)));
  await xia.updateMyProfile({ nick: 'Xia' });
  await sendText(wes, 'xia', 'first contact');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const found = await conversation(wes, 'C2Cxia');
    if (found?.userProfile?.nick === 'Xia') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(await conversation(wes, 'C2Cxia')).toMatchObject({ userProfile: { userID: 'xia', nick: 'Xia' } });
});

test('group members carry their nick and avatar', async () => {
  const [yan, zoe] = await Promise.all(['yan', 'zoe'].map((id) => readyChat(server, id)));
  await zoe.updateMyProfile({ nick: 'Zoe', avatar: 'https://example.com/zoe.png' });
  await yan.createGroup({ name: 'Pair', type: TYPES.GRP_WORK, groupID: 'pair', memberList: [{ userID: 'zoe' }] });
  const { data } = await yan.getGroupMemberList({ groupID: 'pair' });
  expect(data.memberList).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ userID: 'zoe', nick: 'Zoe', avatar: 'https://example.com/zoe.png' }),
      expect.objectContaining({ userID: 'yan', nick: '', avatar: '' }),
    ]),
  );
});

test('profile calls before login are 2999', async () => {
  const chat = TencentCloudChat.create({ SDKAppID: 1, serverURL: server.url });
  expect(await rejectionOf(chat.getMyProfile())).toMatchObject({ code: 2999 });
  expect(await rejectionOf(chat.updateMyProfile({ nick: 'x' }))).toMatchObject({ code: 2999 });
  await chat.destroy();
});
