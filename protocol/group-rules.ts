/** Which group types allow what, the same on both sides (docs/behaviour.md, "Group management"). */
import { TYPES, type GroupType, type JoinOption } from './constants';

/** Work groups take invitations only; Meeting and AVChatRoom groups are free to join; Public and Community groups choose. */
export function fixedJoinOption(type: GroupType): JoinOption | null {
  if (type === TYPES.GRP_WORK) return TYPES.JOIN_OPTIONS_DISABLE_APPLY;
  if (type === TYPES.GRP_MEETING || type === TYPES.GRP_AVCHATROOM) return TYPES.JOIN_OPTIONS_FREE_ACCESS;
  return null;
}

/** A group's join option when nobody set one: Public groups ask for approval, Community groups let anyone in. */
export function defaultJoinOption(type: GroupType): JoinOption {
  return (
    fixedJoinOption(type) ??
    (type === TYPES.GRP_PUBLIC ? TYPES.JOIN_OPTIONS_NEED_PERMISSION : TYPES.JOIN_OPTIONS_FREE_ACCESS)
  );
}

/** The reference has no admins in Work groups, where every member invites and only the owner manages. */
export function allowsAdmins(type: GroupType): boolean {
  return type !== TYPES.GRP_WORK;
}
