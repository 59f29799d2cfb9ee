import { invalid } from '../../protocol/fields';
import { nowSeconds, requireSession, type Handlers } from './context';

/** Friends and the blacklist: what the C2C friend check (20009) and block (20007) read. */
export const relationOperations: Handlers<
  'addFriend' | 'deleteFriend' | 'getFriendList' | 'addToBlacklist' | 'getBlacklist'
> = {
  async addFriend(d, connection, ctx) {
    const session = requireSession(connection);
    const { to, remark = '' } = d;
    if (to === session.userID) throw invalid('You cannot add yourself as a friend.');
    await ctx.store.addFriend(session.app, session.userID, to, remark, nowSeconds());
    return { userID: to };
  },

  async deleteFriend(d, connection, ctx) {
    const session = requireSession(connection);
    const { userIDList } = d;
    return { successUserIDList: await ctx.store.deleteFriends(session.app, session.userID, userIDList) };
  },

  async getFriendList(_d, connection, ctx) {
    const session = requireSession(connection);
    return { friendList: await ctx.store.getFriendList(session.app, session.userID) };
  },

  async addToBlacklist(d, connection, ctx) {
    const session = requireSession(connection);
    const { userIDList } = d;
    if (userIDList.includes(session.userID)) throw invalid('You cannot block yourself.');
    return { successUserIDList: await ctx.store.addToBlacklist(session.app, session.userID, userIDList) };
  },

  async getBlacklist(_d, connection, ctx) {
    const session = requireSession(connection);
    return { blacklist: await ctx.store.getBlacklist(session.app, session.userID) };
  },
};
