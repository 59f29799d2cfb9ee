import type { ChatCore } from './chat-core';
import { EVENT } from '../protocol/constants';
import type { WireGroup } from '../protocol/operations';
import { topicRequestSchemas } from '../protocol/schemas/topics';
import { parseWith } from '../protocol/schemas/issues';
import type { TopicFailure, TopicOperations, TopicProfile, TopicPushes, WireTopic } from '../protocol/topics';
import type { ChatResponse } from './types';

export type TopicInfo = WireTopic;
export type CreateTopicOptions = TopicOperations['createTopicInCommunity']['req'];
export type UpdateTopicOptions = { groupID: string; topicID: string } & TopicProfile;

function requestOf<Op extends keyof TopicOperations>(op: Op, options: unknown): TopicOperations[Op]['req'] {
  return parseWith(topicRequestSchemas[op], options, '', op);
}

/**
 * Community topics. A topic's messages are group messages to its topicID: send with `to: topicID`,
 * read with `getMessageList({ conversationID: 'GROUP' + topicID })`; its unread count, last message
 * and @ marks are in its TopicInfo (and in that conversation).
 */
export class TopicAPI {
  constructor(private readonly core: ChatCore) {}

  /** The communities with topics that you are in. */
  async getJoinedCommunityList(): Promise<ChatResponse<{ groupList: WireGroup[] }>> {
    return { code: 0, data: await this.core.requireReady().request('getJoinedCommunityList', {}) };
  }

  async createTopicInCommunity(options: CreateTopicOptions): Promise<ChatResponse<{ topicID: string }>> {
    const connection = this.core.requireReady();
    const request = requestOf('createTopicInCommunity', options);
    return { code: 0, data: await connection.request('createTopicInCommunity', request) };
  }

  /** Without topicIDList: every topic of the community. */
  async deleteTopicFromCommunity(options: {
    groupID: string;
    topicIDList?: string[];
  }): Promise<ChatResponse<{ successTopicList: Array<{ topicID: string }>; failureTopicList: TopicFailure[] }>> {
    const connection = this.core.requireReady();
    const request = requestOf('deleteTopicFromCommunity', options);
    return { code: 0, data: await connection.request('deleteTopicFromCommunity', request) };
  }

  async updateTopicProfile(options: UpdateTopicOptions): Promise<ChatResponse<{ topic: TopicInfo }>> {
    const connection = this.core.requireReady();
    const request = requestOf('updateTopicProfile', options);
    return { code: 0, data: await connection.request('updateTopicProfile', request) };
  }

  /** Without topicIDList: every topic of the community; unknown ones come back in failureTopicList (10010). */
  async getTopicList(options: {
    groupID: string;
    topicIDList?: string[];
  }): Promise<ChatResponse<{ successTopicList: TopicInfo[]; failureTopicList: TopicFailure[] }>> {
    const connection = this.core.requireReady();
    return { code: 0, data: await connection.request('getTopicList', requestOf('getTopicList', options)) };
  }

  /** The server's topicChanged push, as the reference's events; an updated topic is fetched first. */
  async onTopicChanged(change: TopicPushes['topicChanged']): Promise<void> {
    const { groupID } = change;
    if (change.change === 'created') return this.core.emit(EVENT.TOPIC_CREATED, { groupID, topicID: change.topicID });
    if (change.change === 'deleted')
      return this.core.emit(EVENT.TOPIC_DELETED, { groupID, topicIDList: change.topicIDList });
    const { successTopicList } = await this.core
      .requireReady()
      .request('getTopicList', { groupID, topicIDList: [change.topicID] });
    if (successTopicList[0]) this.core.emit(EVENT.TOPIC_UPDATED, { groupID, topic: successTopicList[0] });
  }
}
