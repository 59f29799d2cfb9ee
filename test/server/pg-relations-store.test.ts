import { ErrorCode } from '../../protocol/errors';
import { PgDatabase } from '../../server/store/pg/pg-database';
import { migrate } from '../../server/store/pg/pg-migrations';
import { PgProfiles } from '../../server/store/pg/pg-profiles';
import { PgRelations } from '../../server/store/pg/pg-relations';
import { MIGRATIONS } from '../../server/store/pg/pg-schema';
import { freshDatabase, type TestDatabase } from '../helpers/services';

/**
 * RelationStore and ProfileStore on PostgreSQL: each method's cases, and the two-sided changes run
 * from two nodes at once (two pools on one database). One fresh database for the file; each test
 * has an app of its own, which every row is keyed by, so tests see nothing of each other's.
 */

let APP = 1400000000;
const ANY = 'AllowType_Type_AllowAny';
const CONFIRM = 'AllowType_Type_NeedConfirm';
const DENY = 'AllowType_Type_DenyAny';

let database: TestDatabase;
let db: PgDatabase;
let relations: PgRelations;
let profiles: PgProfiles;

beforeAll(async () => {
  database = await freshDatabase();
  db = new PgDatabase({ connectionString: database.url });
  await migrate(db, MIGRATIONS);
  relations = new PgRelations(db);
  profiles = new PgProfiles(db);
});

afterAll(async () => {
  await db.close();
  await database.drop();
});

beforeEach(() => {
  APP += 10;
});

/** This test's rows of a table. */
const rowsOf = (table: string) => db.query(`SELECT 1 FROM ${table} WHERE app = $1`, [APP]);

const friendIDs = async (userID: string) => (await relations.getFriendList(APP, userID)).map((f) => f.userID);
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code: number; message: string }) => ({ code: error.code, message: error.message }),
  );

describe('addFriend', () => {
  test('with AllowAny both become friends at once, and both hear of it', async () => {
    const { result, changes } = await relations.addFriend(
      APP,
      'alice',
      { to: 'bob', remark: 'B', source: 'AddSource_Type_web', wording: 'hi' },
      ANY,
      100,
    );
    expect(result).toEqual({ userID: 'bob', code: 0 });
    expect(changes).toEqual({ alice: ['friends'], bob: ['friends'] });
    expect(await relations.getFriendList(APP, 'alice')).toEqual([
      {
        userID: 'bob',
        remark: 'B',
        time: 100,
        source: 'AddSource_Type_web',
        wording: 'hi',
        groupList: [],
        friendCustomField: [],
      },
    ]);
    expect(await relations.getFriendList(APP, 'bob')).toMatchObject([{ userID: 'alice', remark: '', time: 100 }]);
  });

  test('a single add makes a one-way friend, in the group it names', async () => {
    const { changes } = await relations.addFriend(
      APP,
      'alice',
      { to: 'bob', type: 'Add_Type_Single', groupName: 'work' },
      ANY,
      1,
    );
    expect(changes).toEqual({ alice: ['friends', 'friendGroups'] });
    expect(await relations.getFriendList(APP, 'alice')).toMatchObject([{ userID: 'bob', groupList: ['work'] }]);
    expect(await friendIDs('bob')).toEqual([]);
    expect(await relations.getFriendGroups(APP, 'alice')).toEqual([{ name: 'work', count: 1, userIDList: ['bob'] }]);
  });

  test('refusals in the reference order: my blacklist, theirs, already a friend, accepts none', async () => {
    await relations.addToBlacklist(APP, 'alice', ['mallory']);
    expect(await refusalOf(relations.addFriend(APP, 'alice', { to: 'mallory' }, DENY, 1))).toMatchObject({
      code: ErrorCode.FRIEND_ADD_TARGET_BLOCKED,
    });
    expect(await refusalOf(relations.addFriend(APP, 'mallory', { to: 'alice' }, ANY, 1))).toMatchObject({
      code: ErrorCode.FRIEND_ADD_IN_PEER_BLACKLIST,
    });
    await relations.addFriend(APP, 'alice', { to: 'bob' }, ANY, 1);
    expect(await refusalOf(relations.addFriend(APP, 'alice', { to: 'bob' }, DENY, 2))).toEqual({
      code: ErrorCode.SNS_INVALID,
      message: 'bob is already your friend.',
    });
    expect(await refusalOf(relations.addFriend(APP, 'alice', { to: 'carol' }, DENY, 2))).toMatchObject({
      code: ErrorCode.FRIEND_ADD_DENIED,
    });
    expect(await friendIDs('alice')).toEqual(['bob']);
  });

  test('with NeedConfirm a request waits, unless the target already has the sender as a friend', async () => {
    const { result, changes } = await relations.addFriend(
      APP,
      'alice',
      { to: 'bob', wording: 'me', source: 's' },
      CONFIRM,
      5,
    );
    expect(result).toEqual({ userID: 'bob', code: ErrorCode.FRIEND_APPLICATION_PENDING });
    expect(changes).toEqual({ alice: ['friendApplications'], bob: ['friendApplications'] });
    expect(await friendIDs('alice')).toEqual([]);
    expect(await relations.getFriendApplications(APP, 'bob')).toEqual({
      friendApplicationList: [{ userID: 'alice', type: 'Pendency_Type_ComeIn', source: 's', wording: 'me', time: 5 }],
      unreadCount: 1,
    });
    expect(await relations.getFriendApplications(APP, 'alice')).toEqual({
      friendApplicationList: [{ userID: 'bob', type: 'Pendency_Type_SendOut', source: 's', wording: 'me', time: 5 }],
      unreadCount: 0,
    });

    await relations.addFriend(APP, 'carol', { to: 'dave', type: 'Add_Type_Single' }, ANY, 6);
    const direct = await relations.addFriend(APP, 'dave', { to: 'carol' }, CONFIRM, 7);
    expect(direct.result.code).toBe(0);
    expect(await friendIDs('dave')).toEqual(['carol']);
  });

  test('a direct add drops the requests between the two', async () => {
    await relations.addFriend(APP, 'bob', { to: 'alice' }, CONFIRM, 1);
    const { changes } = await relations.addFriend(APP, 'alice', { to: 'bob' }, ANY, 2);
    expect(changes).toEqual({ alice: ['friends', 'friendApplications'], bob: ['friends', 'friendApplications'] });
    expect((await relations.getFriendApplications(APP, 'alice')).friendApplicationList).toEqual([]);
  });
});

describe('friend requests', () => {
  beforeEach(async () => {
    await relations.addFriend(APP, 'alice', { to: 'bob', remark: 'Bobby', groupName: 'pals' }, CONFIRM, 10);
  });

  test('AgreeAndAdd makes both friends: the applicant with their remark and group, the accepter with theirs', async () => {
    const changes = await relations.acceptFriendApplication(
      APP,
      'bob',
      'alice',
      'Response_Action_AgreeAndAdd',
      'Ally',
      20,
    );
    expect(changes).toEqual({
      alice: ['friends', 'friendApplications', 'friendGroups'],
      bob: ['friendApplications', 'friends'],
    });
    expect(await relations.getFriendList(APP, 'alice')).toMatchObject([
      { userID: 'bob', remark: 'Bobby', time: 20, groupList: ['pals'] },
    ]);
    expect(await relations.getFriendList(APP, 'bob')).toMatchObject([
      { userID: 'alice', remark: 'Ally', groupList: [] },
    ]);
    expect((await relations.getFriendApplications(APP, 'bob')).friendApplicationList).toEqual([]);
  });

  test('Agree makes the friend one way; answering again finds no request', async () => {
    await relations.acceptFriendApplication(APP, 'bob', 'alice', 'Response_Action_Agree', '', 20);
    expect(await friendIDs('alice')).toEqual(['bob']);
    expect(await friendIDs('bob')).toEqual([]);
    expect(
      await refusalOf(relations.acceptFriendApplication(APP, 'bob', 'alice', 'Response_Action_Agree', '', 21)),
    ).toEqual({ code: ErrorCode.SNS_INVALID, message: 'There is no friend request from alice to answer.' });
  });

  test('refusing deletes the request for both; a second refusal finds none', async () => {
    expect(await relations.refuseFriendApplication(APP, 'bob', 'alice')).toEqual({
      alice: ['friendApplications'],
      bob: ['friendApplications'],
    });
    expect((await relations.getFriendApplications(APP, 'alice')).friendApplicationList).toEqual([]);
    expect(await refusalOf(relations.refuseFriendApplication(APP, 'bob', 'alice'))).toMatchObject({
      code: ErrorCode.SNS_INVALID,
    });
  });

  test('deleting takes the request out of one list only, and it is gone once both deleted it', async () => {
    expect(await relations.deleteFriendApplication(APP, 'bob', 'alice', 'Pendency_Type_ComeIn')).toEqual({
      bob: ['friendApplications'],
    });
    expect((await relations.getFriendApplications(APP, 'bob')).friendApplicationList).toEqual([]);
    expect((await relations.getFriendApplications(APP, 'alice')).friendApplicationList).toHaveLength(1);
    expect(
      await refusalOf(relations.acceptFriendApplication(APP, 'bob', 'alice', 'Response_Action_Agree', '', 1)),
    ).toMatchObject({ code: ErrorCode.SNS_INVALID });
    expect(await refusalOf(relations.deleteFriendApplication(APP, 'bob', 'alice', 'Pendency_Type_ComeIn'))).toEqual({
      code: ErrorCode.SNS_INVALID,
      message: 'There is no friend request from alice in your list.',
    });
    await relations.deleteFriendApplication(APP, 'alice', 'bob', 'Pendency_Type_SendOut');
    const rows = await rowsOf('friend_applications');
    expect(rows).toHaveLength(0);
    expect(await refusalOf(relations.deleteFriendApplication(APP, 'alice', 'bob', 'Pendency_Type_SendOut'))).toEqual({
      code: ErrorCode.SNS_INVALID,
      message: 'You have no friend request to bob in your list.',
    });
  });

  test('the list is newest first; reading it clears the unread count once', async () => {
    await relations.addFriend(APP, 'carol', { to: 'bob' }, CONFIRM, 30);
    const { friendApplicationList, unreadCount } = await relations.getFriendApplications(APP, 'bob');
    expect(friendApplicationList.map((a) => a.userID)).toEqual(['carol', 'alice']);
    expect(unreadCount).toBe(2);
    expect(await relations.setFriendApplicationsRead(APP, 'bob')).toEqual({ bob: ['friendApplications'] });
    expect((await relations.getFriendApplications(APP, 'bob')).unreadCount).toBe(0);
    expect(await relations.setFriendApplicationsRead(APP, 'bob')).toEqual({});
  });

  test('a repeated request is shown again, with its new wording and time', async () => {
    await relations.deleteFriendApplication(APP, 'bob', 'alice', 'Pendency_Type_ComeIn');
    await relations.setFriendApplicationsRead(APP, 'bob');
    await relations.addFriend(APP, 'alice', { to: 'bob', wording: 'again' }, CONFIRM, 40);
    expect(await relations.getFriendApplications(APP, 'bob')).toEqual({
      friendApplicationList: [
        { userID: 'alice', type: 'Pendency_Type_ComeIn', source: '', wording: 'again', time: 40 },
      ],
      unreadCount: 1,
    });
  });
});

describe('friends', () => {
  beforeEach(async () => {
    for (const to of ['bob', 'carol', 'dave'])
      await relations.addFriend(APP, 'alice', { to, groupName: 'all' }, ANY, 1);
  });

  test('deleting both ways removes each side and its group memberships; unknown IDs are not successes', async () => {
    const { successUserIDList, changes } = await relations.deleteFriends(APP, 'alice', ['bob', 'bob', 'zed'], true);
    expect(successUserIDList).toEqual(['bob']);
    expect(changes).toEqual({ alice: ['friends', 'friendGroups'], bob: ['friends', 'friendGroups'] });
    expect(await friendIDs('alice')).toEqual(['carol', 'dave']);
    expect(await friendIDs('bob')).toEqual([]);
    expect(await relations.getFriendGroups(APP, 'alice')).toEqual([
      { name: 'all', count: 2, userIDList: ['carol', 'dave'] },
    ]);
  });

  test('deleting one way leaves the other side', async () => {
    const { successUserIDList, changes } = await relations.deleteFriends(APP, 'alice', ['carol'], false);
    expect(successUserIDList).toEqual(['carol']);
    expect(changes).toEqual({ alice: ['friends', 'friendGroups'] });
    expect(await friendIDs('carol')).toEqual(['alice']);
  });

  test('profiles come back in the asked order, without those who are not friends', async () => {
    const found = await relations.getFriendProfiles(APP, 'alice', ['dave', 'zed', 'bob']);
    expect(found.map((f) => f.userID)).toEqual(['dave', 'bob']);
    expect(found[0]).toMatchObject({ groupList: ['all'] });
  });

  test('checkFriends tells each relation; Single looks at my list only', async () => {
    await relations.deleteFriends(APP, 'alice', ['carol'], false);
    await relations.deleteFriends(APP, 'dave', ['alice'], false);
    const both = await relations.checkFriends(APP, 'alice', ['bob', 'carol', 'dave', 'zed'], 'CheckResult_Type_Both');
    expect(both).toEqual([
      { userID: 'bob', code: 0, relation: 'CheckResult_Type_BothWay' },
      { userID: 'carol', code: 0, relation: 'CheckResult_Type_BWithA' },
      { userID: 'dave', code: 0, relation: 'CheckResult_Type_AWithB' },
      { userID: 'zed', code: 0, relation: 'CheckResult_Type_NoRelation' },
    ]);
    const single = await relations.checkFriends(APP, 'alice', ['bob', 'carol'], 'CheckResult_Type_Single');
    expect(single.map((r) => r.relation)).toEqual(['CheckResult_Type_AWithB', 'CheckResult_Type_NoRelation']);
  });

  test('updateFriend sets the remark and merges custom fields by key; a non-friend is refused', async () => {
    const field = (key: string, value: string) => ({ key: `Tag_SNS_Custom_${key}`, value });
    await relations.updateFriend(APP, 'alice', 'bob', { friendCustomField: [field('a', '1'), field('b', '2')] });
    const { friend, changes } = await relations.updateFriend(APP, 'alice', 'bob', {
      remark: 'Bobby',
      friendCustomField: [field('b', '3')],
    });
    expect(friend).toMatchObject({
      userID: 'bob',
      remark: 'Bobby',
      groupList: ['all'],
      friendCustomField: [field('a', '1'), field('b', '3')],
    });
    expect(changes).toEqual({ alice: ['friends'] });
    expect((await relations.getFriendProfiles(APP, 'alice', ['bob']))[0]).toEqual(friend);
    expect(await refusalOf(relations.updateFriend(APP, 'alice', 'zed', { remark: 'x' }))).toEqual({
      code: ErrorCode.SNS_INVALID,
      message: 'zed is not your friend; only friends can be updated.',
    });
  });
});

describe('blacklist', () => {
  test('blocking ends the friendship both ways and drops the requests; the list is sorted', async () => {
    await relations.addFriend(APP, 'alice', { to: 'bob', groupName: 'g' }, ANY, 1);
    await relations.addFriend(APP, 'carol', { to: 'alice' }, CONFIRM, 1);
    const { successUserIDList, changes } = await relations.addToBlacklist(APP, 'alice', ['carol', 'bob', 'carol']);
    expect(successUserIDList).toEqual(['carol', 'bob']);
    expect(changes).toEqual({
      alice: ['blacklist', 'friendApplications', 'friends', 'friendGroups'],
      carol: ['friendApplications'],
      bob: ['friends', 'friendGroups'],
    });
    expect(await relations.getBlacklist(APP, 'alice')).toEqual(['bob', 'carol']);
    expect(await friendIDs('bob')).toEqual([]);
    expect((await relations.getFriendApplications(APP, 'alice')).friendApplicationList).toEqual([]);
    expect(await relations.getFriendGroups(APP, 'alice')).toEqual([{ name: 'g', count: 0, userIDList: [] }]);
  });

  test('unblocking answers those who were blocked; nothing to unblock changes nothing', async () => {
    await relations.addToBlacklist(APP, 'alice', ['bob']);
    expect(await relations.removeFromBlacklist(APP, 'alice', ['zed', 'bob'])).toEqual({
      successUserIDList: ['bob'],
      changes: { alice: ['blacklist'] },
    });
    expect(await relations.removeFromBlacklist(APP, 'alice', ['bob'])).toEqual({ successUserIDList: [], changes: {} });
    expect(await relations.getBlacklist(APP, 'alice')).toEqual([]);
  });
});

describe('friend groups', () => {
  beforeEach(async () => {
    for (const to of ['bob', 'carol']) await relations.addFriend(APP, 'alice', { to }, ANY, 1);
  });

  test('creating takes the friends and answers the others as failures; a second group of that name is refused', async () => {
    const { result, changes } = await relations.createFriendGroup(APP, 'alice', 'work', ['carol', 'zed', 'bob']);
    expect(result).toEqual({
      friendGroup: { name: 'work', count: 2, userIDList: ['bob', 'carol'] },
      failureUserIDList: [
        {
          userID: 'zed',
          code: ErrorCode.FRIEND_GROUP_NOT_FRIEND,
          message: 'zed is not your friend, so cannot be in a friend group.',
        },
      ],
    });
    expect(changes).toEqual({ alice: ['friendGroups', 'friends'] });
    expect(await refusalOf(relations.createFriendGroup(APP, 'alice', 'work', []))).toEqual({
      code: ErrorCode.SNS_INVALID,
      message: 'You already have a friend group named "work".',
    });
  });

  test('adding and removing members; a group that does not exist is refused', async () => {
    await relations.createFriendGroup(APP, 'alice', 'work', []);
    const added = await relations.changeFriendGroup(APP, 'alice', 'work', ['bob', 'carol'], true);
    expect(added.result.friendGroup.userIDList).toEqual(['bob', 'carol']);
    const removed = await relations.changeFriendGroup(APP, 'alice', 'work', ['bob'], false);
    expect(removed.result.friendGroup).toEqual({ name: 'work', count: 1, userIDList: ['carol'] });
    expect(await refusalOf(relations.changeFriendGroup(APP, 'alice', 'home', ['bob'], true))).toEqual({
      code: ErrorCode.SNS_INVALID,
      message: 'You have no friend group named "home".',
    });
    expect(await relations.getFriendList(APP, 'alice')).toMatchObject([
      { userID: 'bob', groupList: [] },
      { userID: 'carol', groupList: ['work'] },
    ]);
  });

  test('renaming keeps the members; onto an existing name (its own included) it is refused', async () => {
    await relations.createFriendGroup(APP, 'alice', 'work', ['bob']);
    await relations.createFriendGroup(APP, 'alice', 'home', ['carol']);
    expect(await refusalOf(relations.renameFriendGroup(APP, 'alice', 'work', 'home'))).toMatchObject({
      code: ErrorCode.SNS_INVALID,
    });
    expect(await refusalOf(relations.renameFriendGroup(APP, 'alice', 'work', 'work'))).toMatchObject({
      code: ErrorCode.SNS_INVALID,
    });
    expect(await refusalOf(relations.renameFriendGroup(APP, 'alice', 'nope', 'x'))).toMatchObject({
      code: ErrorCode.SNS_INVALID,
    });
    const { friendGroup } = await relations.renameFriendGroup(APP, 'alice', 'work', 'office');
    expect(friendGroup).toEqual({ name: 'office', count: 1, userIDList: ['bob'] });
    expect((await relations.getFriendGroups(APP, 'alice')).map((g) => g.name)).toEqual(['home', 'office']);
    expect((await relations.getFriendProfiles(APP, 'alice', ['bob']))[0].groupList).toEqual(['office']);
  });

  test('deleting answers the group as it was and leaves the friends', async () => {
    await relations.createFriendGroup(APP, 'alice', 'work', ['bob']);
    const { friendGroup, changes } = await relations.deleteFriendGroup(APP, 'alice', 'work');
    expect(friendGroup).toEqual({ name: 'work', count: 1, userIDList: ['bob'] });
    expect(changes).toEqual({ alice: ['friendGroups', 'friends'] });
    expect(await relations.getFriendGroups(APP, 'alice')).toEqual([]);
    expect(await friendIDs('alice')).toEqual(['bob', 'carol']);
    expect(await refusalOf(relations.deleteFriendGroup(APP, 'alice', 'work'))).toMatchObject({
      code: ErrorCode.SNS_INVALID,
    });
  });
});

describe('profiles', () => {
  const custom = (key: string, value: string) => ({ key: `Tag_Profile_Custom_${key}`, value });

  test('a user who never set one has the default profile', async () => {
    expect(await profiles.getProfile(APP, 'nora')).toMatchObject({ userID: 'nora', nick: '', lastUpdatedTime: 0 });
  });

  test('updates merge, stay per app, and come back in the asked order', async () => {
    await profiles.updateProfile(APP, 'nora', { nick: 'Nora', profileCustomField: [custom('a', '1')] }, 10);
    const after = await profiles.updateProfile(APP, 'nora', { gender: 'Gender_Type_Female' }, 11);
    expect(after).toMatchObject({
      nick: 'Nora',
      gender: 'Gender_Type_Female',
      lastUpdatedTime: 11,
      profileCustomField: [custom('a', '1')],
    });
    expect(await profiles.getProfiles(APP, ['otto', 'nora', 'nora'])).toEqual([
      await profiles.getProfile(APP, 'otto'),
      after,
      after,
    ]);
    expect((await profiles.getProfile(APP + 1, 'nora')).nick).toBe('');
  });

  test('past 20 custom fields the update is refused (90003) and nothing changes', async () => {
    const many = Array.from({ length: 21 }, (_, i) => custom(`k${i}`, 'v'));
    expect(
      await refusalOf(profiles.updateProfile(APP, 'nora', { nick: 'X', profileCustomField: many }, 1)),
    ).toMatchObject({ code: ErrorCode.INVALID_PARAMETER });
    expect(await rowsOf('profiles')).toHaveLength(0);
  });
});

describe('two nodes at once', () => {
  let other: PgDatabase;
  let otherRelations: PgRelations;
  beforeAll(() => {
    other = new PgDatabase({ connectionString: database.url });
    otherRelations = new PgRelations(other);
  });
  afterAll(() => other.close());

  const PAIRS = 12;

  test('A adds B on one node while B adds A on the other: one adds, the other finds them already friends', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: PAIRS }, async (_, i) => {
        const [a, b] = [`a${i}`, `b${i}`];
        return Promise.allSettled([
          relations.addFriend(APP, a, { to: b }, ANY, 1),
          otherRelations.addFriend(APP, b, { to: a }, ANY, 1),
        ]);
      }),
    );
    for (const [i, pair] of outcomes.entries()) {
      const codes = pair.map((o) =>
        o.status === 'fulfilled' ? o.value.result.code : (o.reason as { code: number }).code,
      );
      expect(codes.sort()).toEqual([0, ErrorCode.SNS_INVALID]);
      expect(await friendIDs(`a${i}`)).toEqual([`b${i}`]);
      expect(await friendIDs(`b${i}`)).toEqual([`a${i}`]);
    }
  });

  test('crossing requests and blocks over overlapping pairs on two nodes all finish, leaving nothing between blocked users', async () => {
    const users = ['u1', 'u2', 'u3', 'u4'];
    await Promise.all(
      users.flatMap((u, i) =>
        users
          .filter((v) => v !== u)
          .map((v) => (i % 2 === 0 ? relations : otherRelations).addFriend(APP, u, { to: v }, CONFIRM, 1)),
      ),
    );
    await Promise.all(
      users.map((u, i) =>
        (i % 2 === 0 ? relations : otherRelations).addToBlacklist(
          APP,
          u,
          users.filter((v) => v !== u && v > u).reverse(),
        ),
      ),
    );
    // Every pair has one blocker now: no requests and no friends are left, on either side.
    expect(await rowsOf('friend_applications')).toHaveLength(0);
    expect(await rowsOf('friends')).toHaveLength(0);
    expect(await relations.getBlacklist(APP, 'u1')).toEqual(['u2', 'u3', 'u4']);
  });

  test('a friend group never keeps a member who stopped being a friend meanwhile', async () => {
    for (let round = 0; round < PAIRS; round++) {
      const friend = `f${round}`;
      await relations.addFriend(APP, 'owner', { to: friend }, ANY, 1);
      if (round === 0) await relations.createFriendGroup(APP, 'owner', 'g', []);
      await Promise.all([
        relations.changeFriendGroup(APP, 'owner', 'g', [friend], true),
        otherRelations.deleteFriends(APP, friend, ['owner'], true),
      ]);
    }
    expect(await relations.getFriendGroups(APP, 'owner')).toEqual([{ name: 'g', count: 0, userIDList: [] }]);
  });

  test('two first updates of one profile on two nodes both land', async () => {
    const otherProfiles = new PgProfiles(other);
    await Promise.all([
      profiles.updateProfile(APP, 'nora', { nick: 'N' }, 1),
      otherProfiles.updateProfile(APP, 'nora', { location: 'L' }, 1),
    ]);
    expect(await profiles.getProfile(APP, 'nora')).toMatchObject({ nick: 'N', location: 'L' });
  });
});
