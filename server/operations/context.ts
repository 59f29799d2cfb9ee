import type { SendOrder } from './send-order';
import { TYPES } from '../../protocol/constants';
import { parseConversationID } from '../../protocol/conversation-id';
import { ChatError, ErrorCode } from '../../protocol/errors';
import type { OperationName, Operations, WireGroup } from '../../protocol/operations';
import type { FileStore } from '../files/file-store';
import type { GroupCommit } from '../group-commit';
import type { GroupBudget } from '../group-limiter';
import type { HookStats, ServerHooks } from '../hooks';
import type { Bus, Session } from '../bus/bus';
import type { ServerSettings } from '../settings';
import type { Serialized } from '../serialized';
import type { Store } from '../store/store';
import type { ProfileCache } from '../profiles/profile-cache';
import type { Presence } from '../profiles/presence';
import { communityOfTopic } from '../../protocol/topics';

export interface OperationContext {
  store: Store;
  bus: Bus;
  groupCommit: GroupCommit;
  limiter: GroupBudget;
  secretKeys: ReadonlyMap<number, string>;
  settings: ServerSettings;
  hooks: ServerHooks;
  stats: HookStats;
  files: FileStore;
  profiles: ProfileCache;
  presence: Presence;
}

/** A connection before and after login: `session` is set by a successful `login`, which resolves once the bus delivers to it. */
export interface Connection {
  session: Session | null;
  login(app: number, userID: string): Promise<Session>;
  /** Keeps this connection's sends in arrival order where they enter the limiter and the commit. */
  sendOrder: SendOrder;
}

/** `d` has passed the op's schema (protocol/schemas/requests.ts) before the handler runs. */
export type Handler<Op extends OperationName> = (
  d: Operations[Op]['req'],
  connection: Connection,
  ctx: OperationContext,
) => Promise<Operations[Op]['res'] | Serialized<Operations[Op]['res']>>;
export type Handlers<Ops extends OperationName> = { [Op in Ops]: Handler<Op> };

export function requireSession(connection: Connection): Session {
  if (!connection.session)
    throw new ChatError(ErrorCode.NOT_LOGGED_IN, 'Not logged in: the first request on a connection must be login.');
  return connection.session;
}

/** The group as `userID` sees it; 10010 when there is none. */
export async function requireGroup(
  ctx: OperationContext,
  app: number,
  groupID: string,
  userID: string,
): Promise<WireGroup> {
  const group = await ctx.store.getGroup(app, groupID, userID);
  if (!group) throw new ChatError(ErrorCode.GROUP_NOT_FOUND, `Group ${groupID} does not exist.`);
  return group;
}

/** The group, when `userID` is a member: 10010 if there is no such group, 10007 if not a member. */
export async function requireMembership(
  ctx: OperationContext,
  app: number,
  groupID: string,
  userID: string,
): Promise<WireGroup & { selfInfo: NonNullable<WireGroup['selfInfo']> }> {
  const group = await requireGroup(ctx, app, groupID, userID);
  if (!group.selfInfo)
    throw new ChatError(
      ErrorCode.NO_GROUP_PERMISSION,
      `You are not a member of group ${groupID}; join it or ask a member to add you.`,
    );
  return group as WireGroup & { selfInfo: NonNullable<WireGroup['selfInfo']> };
}

/**
 * A group conversation's group, when `userID` is a member: for a topic (GROUP<topicID>), its community,
 * after checking the topic exists (10010). The messaging ops use this; the group ops take groupIDs only.
 */
export async function requireConversationMembership(
  ctx: OperationContext,
  app: number,
  groupOrTopicID: string,
  userID: string,
): ReturnType<typeof requireMembership> {
  const community = communityOfTopic(groupOrTopicID);
  if (community === null) return requireMembership(ctx, app, groupOrTopicID, userID);
  const group = await requireMembership(ctx, app, community, userID);
  await ctx.store.getTopic(app, community, groupOrTopicID, userID);
  return group;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A conversationID that passed the schema (C2C<userID> or GROUP<groupID>): its type and its peer or group. */
export function conversationOf(conversationID: string): { type: 'C2C' | 'GROUP'; target: string } {
  const parsed = parseConversationID(conversationID);
  if (parsed?.type !== TYPES.CONV_C2C && parsed?.type !== TYPES.CONV_GROUP)
    throw new Error(`conversationOf got ${conversationID}, which the schema should have refused`);
  return { type: parsed.type, target: parsed.target };
}

/** A conversationID that passed the readable schema: C2C<userID>, GROUP<groupID>, or the user's own `@TIM#SYSTEM` (target ''). */
export function readableConversationOf(conversationID: string): {
  type: 'C2C' | 'GROUP' | '@TIM#SYSTEM';
  target: string;
} {
  return conversationID === TYPES.CONV_SYSTEM
    ? { type: TYPES.CONV_SYSTEM, target: '' }
    : conversationOf(conversationID);
}
