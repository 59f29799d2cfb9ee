import { ChatError, ErrorCode } from '../../protocol/errors';
import { MAX_STATUS_SUBSCRIPTIONS } from '../../protocol/limits';
import type { WireConversation, WireGroupMember } from '../../protocol/operations';
import { parseConversationID } from '../../protocol/conversation-id';
import type { Session } from '../bus/bus';
import { nowSeconds, requireSession, type Handlers, type OperationContext } from './context';

/** Profiles (getMyProfile, getUserProfile, updateMyProfile) and user status (setSelfStatus, getUserStatus, (un)subscribeUserStatus). */
export const profileOperations: Handlers<
  | 'getMyProfile'
  | 'getUserProfile'
  | 'updateMyProfile'
  | 'setSelfStatus'
  | 'getUserStatus'
  | 'subscribeUserStatus'
  | 'unsubscribeUserStatus'
> = {
  async getMyProfile(_d, connection, ctx) {
    const session = requireSession(connection);
    return { profile: await ctx.profiles.get(session.app, session.userID) };
  },

  async getUserProfile(d, connection, ctx) {
    const session = requireSession(connection);
    return { profileList: await ctx.profiles.getMany(session.app, d.userIDList) };
  },

  async updateMyProfile(d, connection, ctx) {
    const session = requireSession(connection);
    // A first update keeps the allowType the user had until now (the server's defaultAllowType), unless it sets one.
    const before = await ctx.profiles.get(session.app, session.userID);
    const update =
      before.lastUpdatedTime === 0 && d.allowType === undefined ? { ...d, allowType: before.allowType } : d;
    const profile = await ctx.store.updateProfile(session.app, session.userID, update, nowSeconds());
    await ctx.profiles.changed(session.app, profile);
    // The reference tells the user's other devices and their friends (PROFILE_UPDATED).
    const friends = (await ctx.store.getFriendList(session.app, session.userID)).map((friend) => friend.userID);
    await ctx.bus.publish(session.app, [session.userID, ...friends], 'profileUpdated', profile, session);
    return { profile };
  },

  async setSelfStatus(d, connection, ctx) {
    const session = requireSession(connection);
    return ctx.presence.setCustomStatus(session.app, session.userID, d.customStatus);
  },

  async getUserStatus(d, connection, ctx) {
    const session = requireSession(connection);
    return { statusList: await ctx.presence.statusOf(session.app, d.userIDList) };
  },

  async subscribeUserStatus(d, connection, ctx) {
    const session = requireSession(connection);
    const userIDList = d.userIDList.filter((userID) => userID !== session.userID);
    if (!(await ctx.presence.subscribe(session.app, session.userID, userIDList, MAX_STATUS_SUBSCRIPTIONS)))
      throw new ChatError(
        ErrorCode.INVALID_PARAMETER,
        `A user may follow the status of at most ${MAX_STATUS_SUBSCRIPTIONS} users; unsubscribe from some first.`,
      );
    return { statusList: await ctx.presence.statusOf(session.app, userIDList) };
  },

  async unsubscribeUserStatus(d, connection, ctx) {
    const session = requireSession(connection);
    await ctx.presence.unsubscribe(session.app, session.userID, d.userIDList ?? null);
    return {};
  },
};

/** The conversation list with each C2C peer's nick and avatar and each group's name, as they are now. */
export async function withConversationProfiles(
  ctx: OperationContext,
  session: Session,
  list: WireConversation[],
): Promise<WireConversation[]> {
  const targets = list.map((conversation) => parseConversationID(conversation.conversationID));
  const peers = targets.flatMap((target) => (target?.type === 'C2C' ? [target.target] : []));
  const byUser = new Map((await ctx.profiles.getMany(session.app, peers)).map((profile) => [profile.userID, profile]));
  const groups = targets.some((target) => target?.type === 'GROUP')
    ? await ctx.store.getGroupList(session.app, session.userID)
    : [];
  const byGroup = new Map(groups.map((group) => [group.groupID, group]));
  return list.map((conversation, i) => {
    const target = targets[i];
    const peer = target?.type === 'C2C' ? byUser.get(target.target) : undefined;
    if (peer) return { ...conversation, userProfile: { userID: peer.userID, nick: peer.nick, avatar: peer.avatar } };
    const group = target?.type === 'GROUP' ? byGroup.get(target.target) : undefined;
    if (!group) return conversation;
    // Groups carry no avatar yet; when they do, it is shown.
    const avatar = (group as { avatar?: unknown }).avatar;
    const groupProfile = {
      groupID: group.groupID,
      name: group.name,
      type: group.type,
      avatar: typeof avatar === 'string' ? avatar : '',
    };
    return { ...conversation, groupProfile };
  });
}

/** Group members with their nick and avatar. */
export async function withMemberProfiles(
  ctx: OperationContext,
  app: number,
  members: WireGroupMember[],
): Promise<WireGroupMember[]> {
  const profiles = await ctx.profiles.getMany(
    app,
    members.map((member) => member.userID),
  );
  return members.map((member, i) => ({ ...member, nick: profiles[i].nick, avatar: profiles[i].avatar }));
}

/** History: a message stored without the sender's nick or avatar (sent before they set one) shows them as they are now. */
export async function withSenderProfiles<M extends { from: string; nick?: string; avatar?: string }>(
  ctx: OperationContext,
  app: number,
  messages: M[],
): Promise<M[]> {
  const bare = messages.filter((message) => message.nick === undefined && message.avatar === undefined);
  if (bare.length === 0) return messages;
  const profiles = await ctx.profiles.getMany(
    app,
    bare.map((message) => message.from),
  );
  bare.forEach((message, i) => {
    if (profiles[i].nick) message.nick = profiles[i].nick;
    if (profiles[i].avatar) message.avatar = profiles[i].avatar;
  });
  return messages;
}
