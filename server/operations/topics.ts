import { randomBytes } from 'node:crypto';
import { TYPES } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { invalid } from '../../protocol/fields';
import { GROUP_ID_PATTERN } from '../../protocol/limits';
import type { WireGroup } from '../../protocol/operations';
import { TOPIC_SEPARATOR, communityOfTopic, type TopicPushes } from '../../protocol/topics';
import { nowSeconds, requireMembership, requireSession, type Handlers, type OperationContext } from './context';

function noPermission(message: string): ChatError {
  return new ChatError(ErrorCode.NO_GROUP_PERMISSION, message);
}

/** The community, when the caller is a member and it has topics (createGroup with isSupportTopic): 10010, 10007 otherwise. */
async function requireTopicCommunity(ctx: OperationContext, app: number, groupID: string, userID: string) {
  const group = await requireMembership(ctx, app, groupID, userID);
  if (group.type !== TYPES.GRP_COMMUNITY || !(await ctx.store.supportsTopics(app, groupID)))
    throw noPermission(`Group ${groupID} has no topics: only a Community created with isSupportTopic has them.`);
  return group;
}

/** Creating, deleting and editing topics is for the community's owner and admins, as the reference has it. */
async function requireTopicManager(ctx: OperationContext, app: number, groupID: string, userID: string) {
  const group = await requireTopicCommunity(ctx, app, groupID, userID);
  const role = group.selfInfo.role;
  if (role !== TYPES.GRP_MBR_ROLE_OWNER && role !== TYPES.GRP_MBR_ROLE_ADMIN)
    throw noPermission(`Only the owner or an admin of community ${groupID} can manage its topics.`);
  return group;
}

/** Every member's devices hear of it (the SDK fires TOPIC_CREATED / TOPIC_DELETED / TOPIC_UPDATED). */
async function announce(ctx: OperationContext, app: number, groupID: string, change: TopicPushes['topicChanged']) {
  const members = (await ctx.store.getGroupMembers(app, groupID)).map((member) => member.userID);
  await ctx.bus.publish(app, members, 'topicChanged', change);
}

/** A new topic's ID: the caller's (which must name this community) or a fresh one; short enough to name a conversation. */
function topicIDFor(groupID: string, asked: string | undefined): string {
  const topicID = asked ?? `${groupID}${TOPIC_SEPARATOR}${randomBytes(4).toString('hex')}`;
  if (communityOfTopic(topicID) !== groupID)
    throw invalid(`topicID must be the community's ID, then ${TOPIC_SEPARATOR}, then the topic's own part.`);
  if (!GROUP_ID_PATTERN.test(topicID))
    throw invalid(`topicID ${topicID} is over 48 characters; pick a shorter one (or a shorter community ID).`);
  return topicID;
}

export const topicOperations: Handlers<
  | 'getJoinedCommunityList'
  | 'createTopicInCommunity'
  | 'deleteTopicFromCommunity'
  | 'updateTopicProfile'
  | 'getTopicList'
> = {
  async getJoinedCommunityList(_d, connection, ctx) {
    const session = requireSession(connection);
    const communities: WireGroup[] = [];
    for (const group of await ctx.store.getGroupList(session.app, session.userID))
      if (group.type === TYPES.GRP_COMMUNITY && (await ctx.store.supportsTopics(session.app, group.groupID)))
        communities.push(group);
    return { groupList: communities };
  },

  async createTopicInCommunity(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID, topicID: asked, ...profile } = d;
    await requireTopicManager(ctx, session.app, groupID, session.userID);
    const topicID = topicIDFor(groupID, asked);
    await ctx.store.createTopic(session.app, groupID, topicID, profile, nowSeconds());
    await announce(ctx, session.app, groupID, { change: 'created', groupID, topicID });
    return { topicID };
  },

  async deleteTopicFromCommunity(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID } = d;
    await requireTopicManager(ctx, session.app, groupID, session.userID);
    const { deleted, missing } = await ctx.store.deleteTopics(session.app, groupID, d.topicIDList ?? null);
    if (deleted.length > 0)
      await announce(ctx, session.app, groupID, { change: 'deleted', groupID, topicIDList: deleted });
    return {
      successTopicList: deleted.map((topicID) => ({ topicID })),
      failureTopicList: missing.map((topicID) => ({
        topicID,
        code: ErrorCode.GROUP_NOT_FOUND,
        message: `Topic ${topicID} does not exist in community ${groupID}.`,
      })),
    };
  },

  async updateTopicProfile(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupID, topicID, ...profile } = d;
    await requireTopicManager(ctx, session.app, groupID, session.userID);
    await ctx.store.updateTopic(session.app, groupID, topicID, profile);
    await announce(ctx, session.app, groupID, { change: 'updated', groupID, topicID });
    return { topic: await ctx.store.getTopic(session.app, groupID, topicID, session.userID) };
  },

  async getTopicList(d, connection, ctx) {
    const session = requireSession(connection);
    await requireTopicCommunity(ctx, session.app, d.groupID, session.userID);
    return ctx.store.getTopics(session.app, d.groupID, d.topicIDList ?? null, session.userID);
  },
};
