import { GROUP_SYSTEM_NOTICE, TYPES } from '../../protocol/constants';
import { invalid } from '../../protocol/fields';
import { allowsAdmins, fixedJoinOption } from '../../protocol/group-rules';
import type { Session } from '../bus/bus';
import type { GroupProfileChanges } from '../store/group-management-store';
import {
  nowSeconds,
  requireGroup,
  requireMembership,
  requireSession,
  type Handlers,
  type OperationContext,
} from './context';
import { postGroupTip, sendGroupNotice } from './group-events';
import {
  noPermission,
  requireManager,
  requireOutranks,
  requireOwner,
  requireTargetMember,
  type MemberGroup,
} from './group-roles';

/** The fields of updateGroupProfile a plain member of a Work group may change too (as the reference). */
const BASIC_PROFILE = ['name', 'introduction', 'notification', 'avatar'] as const;

function notifyListChanged(ctx: OperationContext, session: Session, groupID: string, userIDs: string[]) {
  return ctx.bus.publish(session.app, [...new Set(userIDs)], 'groupListChanged', { groupID });
}

function checkProfileChanges(group: MemberGroup, changes: GroupProfileChanges): void {
  const keys = Object.keys(changes) as Array<keyof GroupProfileChanges>;
  if (keys.length === 0) throw invalid('updateGroupProfile needs at least one field to change besides groupID.');
  const basicOnly = keys.every((key) => (BASIC_PROFILE as readonly string[]).includes(key));
  if (!(group.type === TYPES.GRP_WORK && basicOnly)) requireManager(group, 'change its profile');
  const fixed = fixedJoinOption(group.type);
  if (changes.joinOption !== undefined && fixed !== null && changes.joinOption !== fixed)
    throw invalid(`A ${group.type} group's joinOption is always ${fixed}; it cannot be changed.`);
}

/** What the tip says changed, with the reference's names (groupName for name). */
function tipProfileOf(changes: GroupProfileChanges): Record<string, unknown> {
  const { name, ...rest } = changes;
  return name === undefined ? { ...rest } : { groupName: name, ...rest };
}

export const groupManagementOperations: Handlers<
  | 'updateGroupProfile'
  | 'setGroupMemberRole'
  | 'changeGroupOwner'
  | 'setGroupMemberMuteTime'
  | 'setGroupMemberNameCard'
  | 'setGroupMemberCustomField'
  | 'getGroupMemberProfile'
  | 'getGroupOnlineMemberCount'
  | 'searchGroupByID'
> = {
  async updateGroupProfile(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID, ...changes } = d;
    for (const key of Object.keys(changes) as Array<keyof typeof changes>)
      if (changes[key] === undefined) delete changes[key];
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    checkProfileChanges(group, changes);
    await ctx.store.updateGroupProfile(session.app, groupID, changes);
    await postGroupTip(ctx, session.app, groupID, session.userID, {
      operationType: TYPES.GRP_TIP_GRP_PROFILE_UPDATED,
      newGroupProfile: tipProfileOf(changes),
    });
    const members = (await ctx.store.getGroupMembers(session.app, groupID)).map((member) => member.userID);
    await notifyListChanged(ctx, session, groupID, members);
    return { group: await requireGroup(ctx, session.app, groupID, session.userID) };
  },

  async setGroupMemberRole(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID, userID, role } = d;
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    if (!allowsAdmins(group.type)) throw noPermission(`Group ${groupID} is a Work group, which has no admins.`);
    requireOwner(group, 'make or unmake admins');
    const target = await requireTargetMember(ctx, session.app, groupID, userID);
    requireOutranks(group, target, 'change the role of');
    if (target.role !== role) {
      await ctx.store.updateGroupMember(session.app, groupID, userID, { role });
      const admin = role === TYPES.GRP_MBR_ROLE_ADMIN;
      await postGroupTip(ctx, session.app, groupID, session.userID, {
        operationType: admin ? TYPES.GRP_TIP_MBR_SET_ADMIN : TYPES.GRP_TIP_MBR_CANCELED_ADMIN,
        userIDList: [userID],
      });
      await sendGroupNotice(ctx, session.app, [userID], group, {
        operationType: admin ? GROUP_SYSTEM_NOTICE.SET_ADMIN : GROUP_SYSTEM_NOTICE.CANCELED_ADMIN,
        operatorID: session.userID,
      });
    }
    return { group: await requireGroup(ctx, session.app, groupID, session.userID) };
  },

  async changeGroupOwner(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID, newOwnerID } = d;
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    requireOwner(group, 'hand over ownership');
    if (newOwnerID === session.userID) throw invalid(`You already own group ${groupID}.`);
    await requireTargetMember(ctx, session.app, groupID, newOwnerID);
    await ctx.store.changeGroupOwner(session.app, groupID, session.userID, newOwnerID);
    await postGroupTip(ctx, session.app, groupID, session.userID, {
      operationType: TYPES.GRP_TIP_GRP_PROFILE_UPDATED,
      newGroupProfile: { ownerID: newOwnerID },
    });
    await notifyListChanged(ctx, session, groupID, [session.userID, newOwnerID]);
    return { group: await requireGroup(ctx, session.app, groupID, session.userID) };
  },

  async setGroupMemberMuteTime(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID, userID, muteTime } = d;
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    requireManager(group, 'mute members');
    const target = await requireTargetMember(ctx, session.app, groupID, userID);
    requireOutranks(group, target, 'mute');
    const muteUntil = muteTime === 0 ? 0 : nowSeconds() + muteTime;
    await ctx.store.updateGroupMember(session.app, groupID, userID, { muteUntil });
    await postGroupTip(ctx, session.app, groupID, session.userID, {
      operationType: TYPES.GRP_TIP_MBR_PROFILE_UPDATED,
      userIDList: [userID],
      memberList: [{ userID, muteTime }],
    });
    return {
      group: await requireGroup(ctx, session.app, groupID, session.userID),
      member: await requireTargetMember(ctx, session.app, groupID, userID),
    };
  },

  async setGroupMemberNameCard(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID, nameCard, userID = session.userID } = d;
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    await requireMemberEdit(ctx, group, session, userID, 'set the name card of');
    await ctx.store.updateGroupMember(session.app, groupID, userID, { nameCard });
    return { group: await requireGroup(ctx, session.app, groupID, session.userID) };
  },

  async setGroupMemberCustomField(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID, memberCustomField, userID = session.userID } = d;
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    await requireMemberEdit(ctx, group, session, userID, 'set the custom fields of');
    await ctx.store.updateGroupMember(session.app, groupID, userID, { memberCustomField });
    return { group: await requireGroup(ctx, session.app, groupID, session.userID) };
  },

  async getGroupMemberProfile(d, connection, ctx) {
    const session = requireSession(connection);
    await requireMembership(ctx, session.app, d.groupID, session.userID);
    return { memberList: await ctx.store.getGroupMemberProfiles(session.app, d.groupID, d.userIDList) };
  },

  async getGroupOnlineMemberCount(d, connection, ctx) {
    const session = requireSession(connection);
    await requireMembership(ctx, session.app, d.groupID, session.userID);
    const members = await ctx.store.getGroupMembers(session.app, d.groupID);
    const online = await Promise.all(members.map((member) => ctx.bus.isOnline(session.app, member.userID)));
    return { memberCount: online.filter(Boolean).length };
  },

  async searchGroupByID(d, connection, ctx) {
    const session = requireSession(connection);
    const group = await requireGroup(ctx, session.app, d.groupID, session.userID);
    if (group.type === TYPES.GRP_WORK && !group.selfInfo)
      throw noPermission(`Group ${group.groupID} is a Work group, which cannot be found by searching.`);
    return { group };
  },
};

/** A member edits their own card and fields; the owner and admins edit those of members they outrank. */
async function requireMemberEdit(
  ctx: OperationContext,
  group: MemberGroup,
  session: Session,
  userID: string,
  what: string,
): Promise<void> {
  if (userID === session.userID) return;
  requireManager(group, `${what} other members`);
  requireOutranks(group, await requireTargetMember(ctx, session.app, group.groupID, userID), what);
}
