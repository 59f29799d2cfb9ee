import { randomBytes } from 'node:crypto';
import { TYPES, type GroupType } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { invalid } from '../../protocol/fields';
import { MAX_MEMBER_PAGE } from '../../protocol/limits';
import type { CreateGroupRequest, WireGroup } from '../../protocol/operations';
import type { Session } from '../bus/bus';
import { TOPIC_SEPARATOR, communityOfTopic } from '../../protocol/topics';
import {
  nowSeconds,
  requireGroup,
  requireMembership,
  requireSession,
  type Handlers,
  type OperationContext,
} from './context';

function noPermission(message: string): ChatError {
  return new ChatError(ErrorCode.NO_GROUP_PERMISSION, message);
}

/** Tells every session of these users (but the one that asked) that their group list changed. */
function notify(ctx: OperationContext, session: Session, groupID: string, userIDs: Iterable<string>): Promise<void> {
  return ctx.bus.publish(session.app, [...new Set(userIDs)], 'groupListChanged', { groupID }, session);
}

/** The members a new group starts with besides its owner, each once. */
function initialMembers(memberList: CreateGroupRequest['memberList'], type: GroupType, owner: string): string[] {
  if (memberList === undefined) return [];
  if (type === TYPES.GRP_AVCHATROOM)
    throw invalid('AVChatRoom groups cannot be created with a memberList; members join by themselves.');
  return [...new Set(memberList.map((member) => member.userID))].filter((userID) => userID !== owner);
}

/** Topics are for Community groups; a groupID may not look like a topic's (it would name a topic's conversation). */
function checkTopicOptions(groupID: string | undefined, type: GroupType, isSupportTopic: boolean | undefined): void {
  if (isSupportTopic && type !== TYPES.GRP_COMMUNITY)
    throw invalid('isSupportTopic is for Community groups (TYPES.GRP_COMMUNITY) only.');
  if (groupID !== undefined && communityOfTopic(groupID) !== null)
    throw invalid(`A groupID cannot contain ${TOPIC_SEPARATOR}: that is how topic IDs are made.`);
}

function isManager(group: WireGroup): boolean {
  return group.selfInfo?.role === TYPES.GRP_MBR_ROLE_OWNER || group.selfInfo?.role === TYPES.GRP_MBR_ROLE_ADMIN;
}

export const groupOperations: Handlers<
  | 'createGroup'
  | 'joinGroup'
  | 'quitGroup'
  | 'dismissGroup'
  | 'getGroupList'
  | 'getGroupProfile'
  | 'getGroupMemberList'
  | 'addGroupMember'
  | 'deleteGroupMember'
> = {
  async createGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { name, type = TYPES.GRP_WORK, memberList } = d;
    const groupID = d.groupID ?? `@TGS#${randomBytes(8).toString('hex')}`;
    checkTopicOptions(d.groupID, type, d.isSupportTopic);
    const members = initialMembers(memberList, type, session.userID);
    await ctx.store.createGroup(
      session.app,
      { groupID, name, type, ownerID: session.userID, createTime: nowSeconds() },
      members,
    );
    if (d.isSupportTopic) await ctx.store.enableTopics(session.app, groupID);
    await notify(ctx, session, groupID, [session.userID, ...members]);
    return { group: await requireGroup(ctx, session.app, groupID, session.userID) };
  },

  async joinGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID } = d;
    const group = await requireGroup(ctx, session.app, groupID, session.userID);
    if (group.selfInfo) return { status: 'AlreadyInGroup', group };
    if (group.type === TYPES.GRP_WORK)
      throw noPermission(
        `Group ${groupID} is a Work group: members are added by invitation (addGroupMember), not by joining.`,
      );
    await ctx.store.addGroupMembers(session.app, groupID, [session.userID], nowSeconds());
    await notify(ctx, session, groupID, [session.userID]);
    return { status: 'JoinedSuccess', group: await requireGroup(ctx, session.app, groupID, session.userID) };
  },

  async quitGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID } = d;
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    if (group.selfInfo.role === TYPES.GRP_MBR_ROLE_OWNER)
      throw noPermission(`You own group ${groupID}; an owner cannot quit. Dismiss it with dismissGroup instead.`);
    await ctx.store.removeGroupMembers(session.app, groupID, [session.userID]);
    await notify(ctx, session, groupID, [session.userID]);
    return { groupID };
  },

  async dismissGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID } = d;
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    if (group.selfInfo.role !== TYPES.GRP_MBR_ROLE_OWNER)
      throw noPermission(`Only the owner can dismiss group ${groupID}.`);
    if (group.type === TYPES.GRP_WORK)
      throw noPermission(`Group ${groupID} is a Work group, which cannot be dismissed (as in the reference).`);
    await notify(ctx, session, groupID, await ctx.store.deleteGroup(session.app, groupID));
    return { groupID };
  },

  async getGroupList(_d, connection, ctx) {
    const session = requireSession(connection);
    return { groupList: await ctx.store.getGroupList(session.app, session.userID) };
  },

  async getGroupProfile(d, connection, ctx) {
    const session = requireSession(connection);
    const group = await requireGroup(ctx, session.app, d.groupID, session.userID);
    if (group.type === TYPES.GRP_WORK && !group.selfInfo)
      throw noPermission(`Group ${group.groupID} is a Work group; only its members can read its profile.`);
    return { group };
  },

  async getGroupMemberList(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID } = d;
    const { count = MAX_MEMBER_PAGE, offset = 0 } = d;
    await requireMembership(ctx, session.app, groupID, session.userID);
    const all = await ctx.store.getGroupMembers(session.app, groupID);
    const memberList = all.slice(offset, offset + count);
    const next = offset + memberList.length;
    return { memberList, offset: next >= all.length ? 0 : next };
  },

  async addGroupMember(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID } = d;
    const { userIDList } = d;
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    if (group.type === TYPES.GRP_AVCHATROOM)
      throw noPermission('AVChatRoom groups do not take added members; users join by themselves.');
    if (group.type !== TYPES.GRP_WORK && !isManager(group))
      throw noPermission(`Only the owner or an admin can add members to ${group.type} group ${groupID}.`);
    const { added, existed } = await ctx.store.addGroupMembers(session.app, groupID, userIDList, nowSeconds());
    await notify(ctx, session, groupID, added);
    return {
      successUserIDList: added,
      existedUserIDList: existed,
      group: await requireGroup(ctx, session.app, groupID, session.userID),
    };
  },

  async deleteGroupMember(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID } = d;
    const { userIDList } = d;
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    if (!isManager(group)) throw noPermission(`Only the owner or an admin can remove members from group ${groupID}.`);
    if (userIDList.includes(group.ownerID)) throw noPermission(`The owner of group ${groupID} cannot be removed.`);
    const removed = await ctx.store.removeGroupMembers(session.app, groupID, userIDList);
    await notify(ctx, session, groupID, removed);
    return { successUserIDList: removed, group: await requireGroup(ctx, session.app, groupID, session.userID) };
  },
};
