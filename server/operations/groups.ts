import { randomBytes } from 'node:crypto';
import { GROUP_TYPES, TYPES, type GroupType } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { utf8Length } from '../../protocol/messages';
import type { WireGroup } from '../../protocol/operations';
import type { Session } from '../bus/bus';
import { describe, invalid, isPlainObject, requireString, type Fields } from '../../protocol/fields';
import { requireGroupID, requireUserIDList } from '../validate';
import {
  nowSeconds,
  requireGroup,
  requireMembership,
  requireSession,
  type Handlers,
  type OperationContext,
} from './context';

const MAX_GROUP_NAME_BYTES = 100;
const MAX_MEMBERS_PER_CALL = 500;
const MAX_MEMBER_PAGE = 100;

function noPermission(message: string): ChatError {
  return new ChatError(ErrorCode.NO_GROUP_PERMISSION, message);
}

/** Tells every session of these users (but the one that asked) that their group list changed. */
function notify(ctx: OperationContext, session: Session, groupID: string, userIDs: Iterable<string>): Promise<void> {
  return ctx.bus.publish(session.app, [...new Set(userIDs)], 'groupListChanged', { groupID }, session);
}

function parseMemberList(d: Fields, type: GroupType, owner: string): string[] {
  if (d.memberList === undefined) return [];
  if (type === TYPES.GRP_AVCHATROOM)
    throw invalid('AVChatRoom groups cannot be created with a memberList; members join by themselves.');
  if (!Array.isArray(d.memberList))
    throw invalid(`memberList must be an array of { userID }, got ${describe(d.memberList)}.`);
  const userIDList = d.memberList.map((item: unknown) => (isPlainObject(item) ? item.userID : item));
  if (userIDList.length === 0) return [];
  return requireUserIDList({ memberList: userIDList }, 'memberList', MAX_MEMBERS_PER_CALL).filter(
    (userID) => userID !== owner,
  );
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
    const name = requireString(d, 'name');
    if (name.trim() === '' || utf8Length(name) > MAX_GROUP_NAME_BYTES)
      throw invalid(`name must be 1 to ${MAX_GROUP_NAME_BYTES} bytes of text.`);
    const type = d.type === undefined ? TYPES.GRP_WORK : d.type;
    if (typeof type !== 'string' || !(GROUP_TYPES as readonly string[]).includes(type))
      throw invalid(`type must be one of ${GROUP_TYPES.join(', ')} (TYPES.GRP_*), got ${describe(type)}.`);
    const groupID = d.groupID === undefined ? `@TGS#${randomBytes(8).toString('hex')}` : requireGroupID(d);
    const members = parseMemberList(d, type as GroupType, session.userID);
    await ctx.store.createGroup(
      session.app,
      { groupID, name, type: type as GroupType, ownerID: session.userID, createTime: nowSeconds() },
      members,
    );
    await notify(ctx, session, groupID, [session.userID, ...members]);
    return { group: await requireGroup(ctx, session.app, groupID, session.userID) };
  },

  async joinGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const groupID = requireGroupID(d);
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
    const groupID = requireGroupID(d);
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    if (group.selfInfo.role === TYPES.GRP_MBR_ROLE_OWNER)
      throw noPermission(`You own group ${groupID}; an owner cannot quit. Dismiss it with dismissGroup instead.`);
    await ctx.store.removeGroupMembers(session.app, groupID, [session.userID]);
    await notify(ctx, session, groupID, [session.userID]);
    return { groupID };
  },

  async dismissGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const groupID = requireGroupID(d);
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
    const group = await requireGroup(ctx, session.app, requireGroupID(d), session.userID);
    if (group.type === TYPES.GRP_WORK && !group.selfInfo)
      throw noPermission(`Group ${group.groupID} is a Work group; only its members can read its profile.`);
    return { group };
  },

  async getGroupMemberList(d, connection, ctx) {
    const session = requireSession(connection);
    const groupID = requireGroupID(d);
    const { count = MAX_MEMBER_PAGE, offset = 0 } = d;
    if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_MEMBER_PAGE)
      throw invalid(`count must be a whole number from 1 to ${MAX_MEMBER_PAGE}.`);
    if (!Number.isInteger(offset) || (offset as number) < 0) throw invalid('offset must be a whole number, 0 or more.');
    await requireMembership(ctx, session.app, groupID, session.userID);
    const all = await ctx.store.getGroupMembers(session.app, groupID);
    const memberList = all.slice(offset as number, (offset as number) + (count as number));
    const next = (offset as number) + memberList.length;
    return { memberList, offset: next >= all.length ? 0 : next };
  },

  async addGroupMember(d, connection, ctx) {
    const session = requireSession(connection);
    const groupID = requireGroupID(d);
    const userIDList = requireUserIDList(d, 'userIDList', MAX_MEMBERS_PER_CALL);
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
    const groupID = requireGroupID(d);
    const userIDList = requireUserIDList(d, 'userIDList', MAX_MEMBERS_PER_CALL);
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    if (!isManager(group)) throw noPermission(`Only the owner or an admin can remove members from group ${groupID}.`);
    if (userIDList.includes(group.ownerID)) throw noPermission(`The owner of group ${groupID} cannot be removed.`);
    const removed = await ctx.store.removeGroupMembers(session.app, groupID, userIDList);
    await notify(ctx, session, groupID, removed);
    return { successUserIDList: removed, group: await requireGroup(ctx, session.app, groupID, session.userID) };
  },
};
