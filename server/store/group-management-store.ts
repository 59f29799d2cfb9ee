import type { GroupRole, JoinOption } from '../../protocol/constants';
import type { GroupAttributes, GroupCounters, WireCustomField } from '../../protocol/group-management';
import type { WireGroupMember } from '../../protocol/operations';

/** What updateGroupProfile may change; custom fields merge by key (an empty value deletes the key). */
export interface GroupProfileChanges {
  name?: string;
  introduction?: string;
  notification?: string;
  avatar?: string;
  muteAllMembers?: boolean;
  joinOption?: JoinOption;
  groupCustomField?: WireCustomField[];
}

export interface MemberChanges {
  role?: GroupRole;
  /** Seconds since the epoch; 0 unmutes. */
  muteUntil?: number;
  nameCard?: string;
  /** Merged by key; an empty value deletes the key. */
  memberCustomField?: WireCustomField[];
}

export interface StoredGroupApplication {
  groupID: string;
  applicant: string;
  note: string;
  time: number;
}

export type AttributeWrite =
  | { mode: 'init'; attributes: GroupAttributes }
  | { mode: 'set'; attributes: GroupAttributes }
  | { mode: 'delete'; keys: string[] };

export type CounterWrite = { mode: 'set'; counters: GroupCounters } | { mode: 'add'; key: string; delta: number };

/** The group management part of the Store (issue 16). Each method is one transaction. */
export interface GroupManagementStore {
  updateGroupProfile(app: number, groupID: string, changes: GroupProfileChanges): Promise<void>;
  /** false when `userID` is not a member. */
  updateGroupMember(app: number, groupID: string, userID: string, changes: MemberChanges): Promise<boolean>;
  /** The new owner must be a member; the old one becomes a plain member. */
  changeGroupOwner(app: number, groupID: string, oldOwnerID: string, newOwnerID: string): Promise<void>;
  /** The members among `userIDs`, in that order. */
  getGroupMemberProfiles(app: number, groupID: string, userIDs: string[]): Promise<WireGroupMember[]>;
  /** Records (or renews) a request to join; answers false when the user was already waiting. */
  addGroupApplication(app: number, application: StoredGroupApplication): Promise<boolean>;
  getGroupApplications(app: number, groupIDs: string[]): Promise<StoredGroupApplication[]>;
  /** Removes a waiting request; answers it, or null when there was none. */
  takeGroupApplication(app: number, groupID: string, applicant: string): Promise<StoredGroupApplication | null>;
  getGroupAttributes(app: number, groupID: string): Promise<GroupAttributes>;
  /** Answers every attribute after the write. */
  writeGroupAttributes(app: number, groupID: string, write: AttributeWrite): Promise<GroupAttributes>;
  getGroupCounters(app: number, groupID: string): Promise<GroupCounters>;
  /** Answers every counter after the write. */
  writeGroupCounters(app: number, groupID: string, write: CounterWrite): Promise<GroupCounters>;
}
