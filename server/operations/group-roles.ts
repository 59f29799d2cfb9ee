/** Who may do what in a group: owner > admin > member (docs/behaviour.md, "Group management"). */
import { TYPES, type GroupRole } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { invalid } from '../../protocol/fields';
import type { WireGroup, WireGroupMember } from '../../protocol/operations';
import type { OperationContext } from './context';

export type MemberGroup = WireGroup & { selfInfo: NonNullable<WireGroup['selfInfo']> };

export function noPermission(message: string): ChatError {
  return new ChatError(ErrorCode.NO_GROUP_PERMISSION, message);
}

const RANK: Record<GroupRole, number> = {
  [TYPES.GRP_MBR_ROLE_OWNER]: 3,
  [TYPES.GRP_MBR_ROLE_ADMIN]: 2,
  [TYPES.GRP_MBR_ROLE_MEMBER]: 1,
};

export function isManager(group: WireGroup): boolean {
  return group.selfInfo?.role === TYPES.GRP_MBR_ROLE_OWNER || group.selfInfo?.role === TYPES.GRP_MBR_ROLE_ADMIN;
}

export function requireManager(group: MemberGroup, what: string): void {
  if (!isManager(group)) throw noPermission(`Only the owner or an admin of group ${group.groupID} can ${what}.`);
}

export function requireOwner(group: MemberGroup, what: string): void {
  if (group.selfInfo.role !== TYPES.GRP_MBR_ROLE_OWNER)
    throw noPermission(`Only the owner of group ${group.groupID} can ${what}.`);
}

/** An operator acts on a member only when it outranks them: the owner on anyone else, an admin on plain members. */
export function requireOutranks(group: MemberGroup, target: WireGroupMember, what: string): void {
  if (RANK[group.selfInfo.role] <= RANK[target.role])
    throw noPermission(
      `You are ${group.selfInfo.role === TYPES.GRP_MBR_ROLE_ADMIN ? 'an admin' : 'a member'} of group ${group.groupID}; ` +
        `you cannot ${what} ${target.userID}, who is ${target.role === TYPES.GRP_MBR_ROLE_OWNER ? 'the owner' : target.role === TYPES.GRP_MBR_ROLE_ADMIN ? 'an admin' : 'a member'}.`,
    );
}

/** The member `userID` of the group; 90003 when they are not in it. */
export async function requireTargetMember(
  ctx: OperationContext,
  app: number,
  groupID: string,
  userID: string,
): Promise<WireGroupMember> {
  const [member] = await ctx.store.getGroupMemberProfiles(app, groupID, [userID]);
  if (!member) throw invalid(`${userID} is not a member of group ${groupID}.`);
  return member;
}
