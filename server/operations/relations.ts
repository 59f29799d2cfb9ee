import { TYPES } from '../../protocol/constants';
import { invalid } from '../../protocol/fields';
import type { RelationChanges } from '../store/store';
import { allowTypeOf } from './allow-type';
import { nowSeconds, requireSession, type Handlers, type OperationContext } from './context';

/** Each user whose lists changed hears which, on every device (the one that asked too: its SDK fires the events from the push). */
async function announce(ctx: OperationContext, app: number, changes: RelationChanges): Promise<void> {
  await Promise.all(
    Object.entries(changes).map(([userID, lists]) => ctx.bus.publish(app, [userID], 'relationChanged', { lists })),
  );
}

/** Friends, friend requests and the blacklist: what the C2C friend check (20009) and block (20007) read. */
export const relationOperations: Handlers<
  | 'addFriend'
  | 'deleteFriend'
  | 'getFriendList'
  | 'addToBlacklist'
  | 'getBlacklist'
  | 'removeFromBlacklist'
  | 'getFriendApplicationList'
  | 'acceptFriendApplication'
  | 'refuseFriendApplication'
  | 'deleteFriendApplication'
  | 'setFriendApplicationRead'
  | 'checkFriend'
  | 'getFriendProfile'
  | 'updateFriend'
  | 'getFriendGroupList'
  | 'createFriendGroup'
  | 'deleteFriendGroup'
  | 'addToFriendGroup'
  | 'removeFromFriendGroup'
  | 'renameFriendGroup'
> = {
  async addFriend(d, connection, ctx) {
    const session = requireSession(connection);
    if (d.to === session.userID) throw invalid('You cannot add yourself as a friend.');
    const allowType = await allowTypeOf(ctx, session.app, d.to);
    const { result, changes } = await ctx.store.addFriend(session.app, session.userID, d, allowType, nowSeconds());
    await announce(ctx, session.app, changes);
    return result;
  },

  async deleteFriend(d, connection, ctx) {
    const session = requireSession(connection);
    const both = d.type !== TYPES.SNS_DELETE_TYPE_SINGLE;
    const { successUserIDList, changes } = await ctx.store.deleteFriends(
      session.app,
      session.userID,
      d.userIDList,
      both,
    );
    await announce(ctx, session.app, changes);
    return { successUserIDList };
  },

  async getFriendList(_d, connection, ctx) {
    const session = requireSession(connection);
    return { friendList: await ctx.store.getFriendList(session.app, session.userID) };
  },

  async getFriendProfile(d, connection, ctx) {
    const session = requireSession(connection);
    return { friendList: await ctx.store.getFriendProfiles(session.app, session.userID, d.userIDList) };
  },

  async checkFriend(d, connection, ctx) {
    const session = requireSession(connection);
    const type = d.type ?? TYPES.SNS_CHECK_TYPE_BOTH;
    return { successUserIDList: await ctx.store.checkFriends(session.app, session.userID, d.userIDList, type) };
  },

  async updateFriend(d, connection, ctx) {
    const session = requireSession(connection);
    if (d.remark === undefined && d.friendCustomField === undefined)
      throw invalid('updateFriend needs a remark or friendCustomField to change.');
    const { userID, ...update } = d;
    const { friend, changes } = await ctx.store.updateFriend(session.app, session.userID, userID, update);
    await announce(ctx, session.app, changes);
    return { friend };
  },

  async getFriendApplicationList(_d, connection, ctx) {
    const session = requireSession(connection);
    return ctx.store.getFriendApplications(session.app, session.userID);
  },

  async acceptFriendApplication(d, connection, ctx) {
    const session = requireSession(connection);
    const answer = d.type ?? TYPES.SNS_APPLICATION_AGREE_AND_ADD;
    const changes = await ctx.store.acceptFriendApplication(
      session.app,
      session.userID,
      d.userID,
      answer,
      d.remark ?? '',
      nowSeconds(),
    );
    await announce(ctx, session.app, changes);
    return { userID: d.userID };
  },

  async refuseFriendApplication(d, connection, ctx) {
    const session = requireSession(connection);
    await announce(ctx, session.app, await ctx.store.refuseFriendApplication(session.app, session.userID, d.userID));
    return { userID: d.userID };
  },

  async deleteFriendApplication(d, connection, ctx) {
    const session = requireSession(connection);
    const changes = await ctx.store.deleteFriendApplication(session.app, session.userID, d.userID, d.type);
    await announce(ctx, session.app, changes);
    return { userID: d.userID };
  },

  async setFriendApplicationRead(_d, connection, ctx) {
    const session = requireSession(connection);
    await announce(ctx, session.app, await ctx.store.setFriendApplicationsRead(session.app, session.userID));
    return {};
  },

  async addToBlacklist(d, connection, ctx) {
    const session = requireSession(connection);
    if (d.userIDList.includes(session.userID)) throw invalid('You cannot block yourself.');
    const { successUserIDList, changes } = await ctx.store.addToBlacklist(session.app, session.userID, d.userIDList);
    await announce(ctx, session.app, changes);
    return { successUserIDList };
  },

  async removeFromBlacklist(d, connection, ctx) {
    const session = requireSession(connection);
    const { successUserIDList, changes } = await ctx.store.removeFromBlacklist(
      session.app,
      session.userID,
      d.userIDList,
    );
    await announce(ctx, session.app, changes);
    return { successUserIDList };
  },

  async getBlacklist(_d, connection, ctx) {
    const session = requireSession(connection);
    return { blacklist: await ctx.store.getBlacklist(session.app, session.userID) };
  },

  async getFriendGroupList(_d, connection, ctx) {
    const session = requireSession(connection);
    return { friendGroupList: await ctx.store.getFriendGroups(session.app, session.userID) };
  },

  async createFriendGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { result, changes } = await ctx.store.createFriendGroup(
      session.app,
      session.userID,
      d.name,
      d.userIDList ?? [],
    );
    await announce(ctx, session.app, changes);
    return result;
  },

  async addToFriendGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { result, changes } = await ctx.store.changeFriendGroup(
      session.app,
      session.userID,
      d.name,
      d.userIDList,
      true,
    );
    await announce(ctx, session.app, changes);
    return result;
  },

  async removeFromFriendGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { result, changes } = await ctx.store.changeFriendGroup(
      session.app,
      session.userID,
      d.name,
      d.userIDList,
      false,
    );
    await announce(ctx, session.app, changes);
    return result;
  },

  async deleteFriendGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { friendGroup, changes } = await ctx.store.deleteFriendGroup(session.app, session.userID, d.name);
    await announce(ctx, session.app, changes);
    return { friendGroup };
  },

  async renameFriendGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { friendGroup, changes } = await ctx.store.renameFriendGroup(
      session.app,
      session.userID,
      d.oldName,
      d.newName,
    );
    await announce(ctx, session.app, changes);
    return { friendGroup };
  },
};
