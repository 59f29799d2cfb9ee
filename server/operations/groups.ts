import { randomBytes } from 'node:crypto';
import { GROUP_SYSTEM_NOTICE, TYPES, type GroupType } from '../../protocol/constants';
import { invalid } from '../../protocol/fields';
import { MAX_MEMBER_PAGE } from '../../protocol/limits';
import type { CreateGroupRequest } from '../../protocol/operations';
import type { Session } from '../bus/bus';
import { withMemberProfiles } from './profiles';
import { TOPIC_SEPARATOR, communityOfTopic } from '../../protocol/topics';
import {
  nowSeconds,
  requireGroup,
  requireMembership,
  requireSession,
  type Handlers,
  type OperationContext,
} from './context';
import { postGroupTip, sendGroupNotice } from './group-events';
import { fixedJoinOption } from '../../protocol/group-rules';
import type { GroupProfileChanges } from '../store/group-management-store';
import { isManager, noPermission, requireOutranks } from './group-roles';

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

/** The profile fields that were given (a schema output has undefined for the others). */
function definedFields(profile: GroupProfileChanges): GroupProfileChanges {
  return Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
}

/** The owner and admins: who hears of a join request. */
async function managersOf(ctx: OperationContext, app: number, groupID: string): Promise<string[]> {
  return (await ctx.store.getGroupMembers(app, groupID))
    .filter((member) => member.role !== TYPES.GRP_MBR_ROLE_MEMBER)
    .map((member) => member.userID);
}

/** Topics are for Community groups; a groupID may not look like a topic's (it would name a topic's conversation). */
function checkTopicOptions(groupID: string | undefined, type: GroupType, isSupportTopic: boolean | undefined): void {
  if (isSupportTopic && type !== TYPES.GRP_COMMUNITY)
    throw invalid('isSupportTopic is for Community groups (TYPES.GRP_COMMUNITY) only.');
  if (groupID !== undefined && communityOfTopic(groupID) !== null)
    throw invalid(`A groupID cannot contain ${TOPIC_SEPARATOR}: that is how topic IDs are made.`);
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
    const { name, type = TYPES.GRP_WORK, memberList, groupID: chosenID, isSupportTopic, ...profile } = d;
    const groupID = chosenID ?? `@TGS#${randomBytes(8).toString('hex')}`;
    checkTopicOptions(chosenID, type, isSupportTopic);
    const members = initialMembers(memberList, type, session.userID);
    const changes = definedFields(profile);
    const fixed = fixedJoinOption(type);
    if (changes.joinOption !== undefined && fixed !== null && changes.joinOption !== fixed)
      throw invalid(`A ${type} group's joinOption is always ${fixed}.`);
    await ctx.store.createGroup(
      session.app,
      { groupID, name, type, ownerID: session.userID, createTime: nowSeconds() },
      members,
    );
    if (Object.keys(changes).length > 0) await ctx.store.updateGroupProfile(session.app, groupID, changes);
    if (d.isSupportTopic) await ctx.store.enableTopics(session.app, groupID);
    await notify(ctx, session, groupID, [session.userID, ...members]);
    return { group: await requireGroup(ctx, session.app, groupID, session.userID) };
  },

  async joinGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID } = d;
    const group = await requireGroup(ctx, session.app, groupID, session.userID);
    if (group.selfInfo) return { status: TYPES.JOIN_STATUS_ALREADY_IN_GROUP, group };
    if (group.type === TYPES.GRP_WORK)
      throw noPermission(
        `Group ${groupID} is a Work group: members are added by invitation (addGroupMember), not by joining.`,
      );
    if (group.joinOption === TYPES.JOIN_OPTIONS_DISABLE_APPLY)
      throw noPermission(`Group ${groupID} takes no join requests (joinOption DisableApply); ask to be added.`);
    if (group.joinOption === TYPES.JOIN_OPTIONS_NEED_PERMISSION) {
      const note = d.applyMessage ?? '';
      const application = { groupID, applicant: session.userID, note, time: nowSeconds() };
      if (await ctx.store.addGroupApplication(session.app, application)) {
        await sendGroupNotice(ctx, session.app, await managersOf(ctx, session.app, groupID), group, {
          operationType: GROUP_SYSTEM_NOTICE.JOIN_REQUEST,
          operatorID: session.userID,
          handleMessage: note,
        });
      }
      return { status: TYPES.JOIN_STATUS_WAIT_APPROVAL, group };
    }
    await ctx.store.addGroupMembers(session.app, groupID, [session.userID], nowSeconds());
    // Every session of the joiner, this one too, hears of the join before the tip: what the group said before is history, not a gap.
    await ctx.bus.publish(session.app, [session.userID], 'groupListChanged', { groupID });
    await postGroupTip(ctx, session.app, groupID, session.userID, {
      operationType: TYPES.GRP_TIP_MBR_JOIN,
      userIDList: [session.userID],
    });
    return {
      status: TYPES.JOIN_STATUS_SUCCESS,
      group: await requireGroup(ctx, session.app, groupID, session.userID),
    };
  },

  async quitGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID } = d;
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    if (group.selfInfo.role === TYPES.GRP_MBR_ROLE_OWNER)
      throw noPermission(`You own group ${groupID}; an owner cannot quit. Dismiss it with dismissGroup instead.`);
    await ctx.store.removeGroupMembers(session.app, groupID, [session.userID]);
    await postGroupTip(
      ctx,
      session.app,
      groupID,
      session.userID,
      { operationType: TYPES.GRP_TIP_MBR_QUIT, userIDList: [session.userID] },
      false,
    );
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
    const members = await ctx.store.deleteGroup(session.app, groupID);
    await sendGroupNotice(
      ctx,
      session.app,
      members.filter((userID) => userID !== session.userID),
      group,
      { operationType: GROUP_SYSTEM_NOTICE.GROUP_DISMISSED, operatorID: session.userID },
    );
    await notify(ctx, session, groupID, members);
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
    return {
      memberList: await withMemberProfiles(ctx, session.app, memberList),
      offset: next >= all.length ? 0 : next,
    };
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
    // The added hear of it before the tip, so that it is the first message they get, not a gap.
    await notify(ctx, session, groupID, added);
    if (added.length > 0) {
      await postGroupTip(ctx, session.app, groupID, session.userID, {
        operationType: TYPES.GRP_TIP_MBR_JOIN,
        userIDList: added,
      });
      await sendGroupNotice(ctx, session.app, added, group, {
        operationType: GROUP_SYSTEM_NOTICE.INVITED,
        operatorID: session.userID,
      });
    }
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
    const targets = await ctx.store.getGroupMemberProfiles(session.app, groupID, userIDList);
    for (const target of targets) requireOutranks(group, target, 'remove');
    const removed = await ctx.store.removeGroupMembers(session.app, groupID, userIDList);
    if (removed.length > 0) {
      await postGroupTip(ctx, session.app, groupID, session.userID, {
        operationType: TYPES.GRP_TIP_MBR_KICKED_OUT,
        userIDList: removed,
      });
      await sendGroupNotice(ctx, session.app, removed, group, {
        operationType: GROUP_SYSTEM_NOTICE.KICKED_OUT,
        operatorID: session.userID,
      });
    }
    await notify(ctx, session, groupID, removed);
    return { successUserIDList: removed, group: await requireGroup(ctx, session.app, groupID, session.userID) };
  },
};
