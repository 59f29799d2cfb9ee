/** Community topics: the wire shapes of their ops and pushes (TencentCloudChat's topic API). */
import type { WireMessage } from './messages';
import type { WireGroup, WireGroupAtInfo } from './operations';

/** Between a community's groupID and a topic's own part: topicID = `<groupID>@TOPIC#_<suffix>`, as the reference builds it. */
export const TOPIC_SEPARATOR = '@TOPIC#_';

/** The community a topicID belongs to, or null when the ID is not a topic's. */
export function communityOfTopic(topicID: string): string | null {
  const at = topicID.indexOf(TOPIC_SEPARATOR);
  return at > 0 && at + TOPIC_SEPARATOR.length < topicID.length ? topicID.slice(0, at) : null;
}

/** A topic's editable profile. */
export interface TopicProfile {
  topicName?: string;
  avatar?: string;
  introduction?: string;
  notification?: string;
  customData?: string;
}

/** The reference's TopicInfo, as the caller sees it (unread, last message and @ marks are the caller's). */
export interface WireTopic {
  topicID: string;
  topicName: string;
  avatar: string;
  introduction: string;
  notification: string;
  customData: string;
  createTime: number;
  unreadCount: number;
  lastMessage: WireMessage | null;
  groupAtInfoList: WireGroupAtInfo[];
}

export interface TopicFailure {
  topicID: string;
  code: number;
  message: string;
}

type GroupRef = { groupID: string };

export interface TopicOperations {
  getJoinedCommunityList: { req: Record<string, never>; res: { groupList: WireGroup[] } };
  createTopicInCommunity: { req: GroupRef & TopicProfile & { topicID?: string }; res: { topicID: string } };
  deleteTopicFromCommunity: {
    req: GroupRef & { topicIDList?: string[] };
    res: { successTopicList: Array<{ topicID: string }>; failureTopicList: TopicFailure[] };
  };
  updateTopicProfile: { req: GroupRef & TopicProfile & { topicID: string }; res: { topic: WireTopic } };
  getTopicList: {
    req: GroupRef & { topicIDList?: string[] };
    res: { successTopicList: WireTopic[]; failureTopicList: TopicFailure[] };
  };
}

export interface TopicPushes {
  /** A community's topics changed: every member's SDK fires TOPIC_CREATED, TOPIC_DELETED or TOPIC_UPDATED. */
  topicChanged:
    | { change: 'created'; groupID: string; topicID: string }
    | { change: 'deleted'; groupID: string; topicIDList: string[] }
    | { change: 'updated'; groupID: string; topicID: string };
}
