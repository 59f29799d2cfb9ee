import { ChatError, ErrorCode } from '../../protocol/errors';
import type { WireMessage } from '../../protocol/messages';
import type { WireGroupAtInfo } from '../../protocol/operations';
import type { WireTopic } from '../../protocol/topics';

/** What the SQLite and PostgreSQL stores share about topics: the row of their `topics` table and how it becomes wire data. */
export interface TopicRow {
  topic_id: string;
  name: string;
  avatar: string;
  introduction: string;
  notification: string;
  custom_data: string;
  create_time: number;
}

/** The viewer's side of a topic's conversation GROUP<topicID>: their unread count, the last message's body, their @ marks. */
export interface TopicConversationRows {
  conversation: { unread: number; body: string | null } | undefined;
  atMarks: Array<{ seq: number; sender: string; at_type: 1 | 2 | 3 }>;
}

export function noSuchTopic(topicID: string, groupID: string): ChatError {
  return new ChatError(ErrorCode.GROUP_NOT_FOUND, `Topic ${topicID} does not exist in community ${groupID}.`);
}

export function topicIDTaken(topicID: string): ChatError {
  return new ChatError(ErrorCode.GROUP_ID_TAKEN, `Topic ID ${topicID} is already used; pick another.`);
}

export function toTopic(row: TopicRow, { conversation, atMarks }: TopicConversationRows): WireTopic {
  const groupAtInfoList: WireGroupAtInfo[] = atMarks.map((at) => ({
    from: at.sender,
    groupID: row.topic_id,
    messageSequence: at.seq,
    atType: at.at_type,
  }));
  return {
    topicID: row.topic_id,
    topicName: row.name,
    avatar: row.avatar,
    introduction: row.introduction,
    notification: row.notification,
    customData: row.custom_data,
    createTime: row.create_time,
    unreadCount: conversation?.unread ?? 0,
    lastMessage: conversation?.body ? (JSON.parse(conversation.body) as WireMessage) : null,
    groupAtInfoList,
  };
}
