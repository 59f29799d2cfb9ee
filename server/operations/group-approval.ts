import { GROUP_SYSTEM_NOTICE, TYPES } from '../../protocol/constants';
import { invalid } from '../../protocol/fields';
import type { WireGroupApplication } from '../../protocol/group-management';
import { isManager, requireManager } from './group-roles';
import { nowSeconds, requireGroup, requireMembership, requireSession, type Handlers } from './context';
import { postGroupTip, sendGroupNotice } from './group-events';

/** Join requests to groups that need approval: listed for their owners and admins, who agree or reject. */
export const groupApprovalOperations: Handlers<'getGroupApplicationList' | 'handleGroupApplication'> = {
  async getGroupApplicationList(_d, connection, ctx) {
    const session = requireSession(connection);
    const managed = (await ctx.store.getGroupList(session.app, session.userID)).filter(isManager);
    const names = new Map(managed.map((group) => [group.groupID, group.name]));
    const stored = await ctx.store.getGroupApplications(
      session.app,
      managed.map((group) => group.groupID),
    );
    const applicationList = stored.map((application): WireGroupApplication => ({
      applicant: application.applicant,
      applicantNick: '',
      groupID: application.groupID,
      groupName: names.get(application.groupID) ?? '',
      applicationType: 0,
      userID: '',
      note: application.note,
      time: application.time,
    }));
    return { applicationList };
  },

  async handleGroupApplication(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID, applicant, handleAction, handleMessage = '' } = d;
    const group = await requireMembership(ctx, session.app, groupID, session.userID);
    requireManager(group, 'answer join requests');
    const application = await ctx.store.takeGroupApplication(session.app, groupID, applicant);
    if (!application)
      throw invalid(`${applicant} has no join request waiting in group ${groupID}; it may have been answered already.`);
    const agreed = handleAction === 'Agree';
    if (agreed) {
      const { added } = await ctx.store.addGroupMembers(session.app, groupID, [applicant], nowSeconds());
      if (added.length > 0) {
        // The applicant hears of it before the tip, so that it is the first message they get, not a gap.
        await ctx.bus.publish(session.app, [applicant], 'groupListChanged', { groupID });
        await postGroupTip(ctx, session.app, groupID, session.userID, {
          operationType: TYPES.GRP_TIP_MBR_JOIN,
          userIDList: [applicant],
        });
      }
    }
    await sendGroupNotice(ctx, session.app, [applicant], group, {
      operationType: agreed ? GROUP_SYSTEM_NOTICE.JOIN_REQUEST_ACCEPTED : GROUP_SYSTEM_NOTICE.JOIN_REQUEST_REFUSED,
      operatorID: session.userID,
      handleMessage,
    });
    return { group: await requireGroup(ctx, session.app, groupID, session.userID) };
  },
};
