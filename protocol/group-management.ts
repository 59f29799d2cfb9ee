/** The group management ops (issue 16): profiles, roles, muting, join approval, attributes and counters. */
import type { GroupRole, JoinOption } from './constants';
import type { WireGroup, WireGroupMember } from './operations';

export interface WireCustomField {
  key: string;
  value: string;
}

type GroupRef = { groupID: string };

/** What createGroup may set besides name, type, groupID and members. */
export interface CreateGroupProfile {
  introduction?: string;
  notification?: string;
  avatar?: string;
  muteAllMembers?: boolean;
  joinOption?: JoinOption;
  groupCustomField?: WireCustomField[];
}

export interface UpdateGroupProfileRequest extends GroupRef, CreateGroupProfile {
  name?: string;
}

/** One pending request to join a group, as getGroupApplicationList lists it. */
export interface WireGroupApplication {
  applicant: string;
  applicantNick: string;
  groupID: string;
  groupName: string;
  /** 0: the applicant asked to join (the only kind Tidings makes). */
  applicationType: 0;
  userID: string;
  note: string;
  time: number;
}

export type GroupAttributes = Record<string, string>;
export type GroupCounters = Record<string, number>;

export interface GroupManagementOperations {
  updateGroupProfile: { req: UpdateGroupProfileRequest; res: { group: WireGroup } };
  setGroupMemberRole: {
    req: GroupRef & { userID: string; role: Exclude<GroupRole, 'Owner'> };
    res: { group: WireGroup };
  };
  changeGroupOwner: { req: GroupRef & { newOwnerID: string }; res: { group: WireGroup } };
  setGroupMemberMuteTime: {
    req: GroupRef & { userID: string; muteTime: number };
    res: { group: WireGroup; member: WireGroupMember };
  };
  setGroupMemberNameCard: { req: GroupRef & { userID?: string; nameCard: string }; res: { group: WireGroup } };
  setGroupMemberCustomField: {
    req: GroupRef & { userID?: string; memberCustomField: WireCustomField[] };
    res: { group: WireGroup };
  };
  getGroupMemberProfile: { req: GroupRef & { userIDList: string[] }; res: { memberList: WireGroupMember[] } };
  getGroupOnlineMemberCount: { req: GroupRef; res: { memberCount: number } };
  searchGroupByID: { req: GroupRef; res: { group: WireGroup } };
  getGroupApplicationList: { req: Record<string, never>; res: { applicationList: WireGroupApplication[] } };
  handleGroupApplication: {
    req: GroupRef & { applicant: string; handleAction: 'Agree' | 'Reject'; handleMessage?: string };
    res: { group: WireGroup };
  };
  initGroupAttributes: {
    req: GroupRef & { groupAttributes: GroupAttributes };
    res: { groupAttributes: GroupAttributes };
  };
  setGroupAttributes: {
    req: GroupRef & { groupAttributes: GroupAttributes };
    res: { groupAttributes: GroupAttributes };
  };
  deleteGroupAttributes: { req: GroupRef & { keyList: string[] }; res: { keyList: string[] } };
  getGroupAttributes: { req: GroupRef & { keyList?: string[] }; res: { groupAttributes: GroupAttributes } };
  setGroupCounters: { req: GroupRef & { counters: GroupCounters }; res: GroupRef & { counters: GroupCounters } };
  increaseGroupCounter: {
    req: GroupRef & { key: string; value: number };
    res: GroupRef & { counters: GroupCounters };
  };
  decreaseGroupCounter: {
    req: GroupRef & { key: string; value: number };
    res: GroupRef & { counters: GroupCounters };
  };
  getGroupCounters: { req: GroupRef & { keyList?: string[] }; res: GroupRef & { counters: GroupCounters } };
}

export interface GroupManagementPushes {
  /** A group's attributes changed: all of them as they are now. */
  groupAttributesUpdated: GroupRef & { groupAttributes: GroupAttributes };
  /** One counter of a group changed. */
  groupCounterUpdated: GroupRef & { key: string; value: number };
}
