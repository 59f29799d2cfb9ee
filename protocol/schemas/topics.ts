/** The schemas of the topic ops (protocol/topics.ts), part of `requestSchemas`. */
import * as v from 'valibot';
import { MAX_TOPICS_PER_CALL, MAX_TOPIC_NAME_BYTES, MAX_TOPIC_TEXT_BYTES } from '../limits';
import { utf8Length } from '../messages';
import type { TopicOperations } from '../topics';
import { fields, groupID, list } from './common';

const bytes = (min: number, maxBytes: number, what: string) =>
  v.pipe(
    v.string(what),
    v.check((value) => value.length >= min && utf8Length(value) <= maxBytes, what),
  );

const profile = {
  avatar: v.optional(bytes(0, MAX_TOPIC_TEXT_BYTES, `a string of at most ${MAX_TOPIC_TEXT_BYTES} bytes`)),
  introduction: v.optional(bytes(0, MAX_TOPIC_TEXT_BYTES, `a string of at most ${MAX_TOPIC_TEXT_BYTES} bytes`)),
  notification: v.optional(bytes(0, MAX_TOPIC_TEXT_BYTES, `a string of at most ${MAX_TOPIC_TEXT_BYTES} bytes`)),
  customData: v.optional(bytes(0, MAX_TOPIC_TEXT_BYTES, `a string of at most ${MAX_TOPIC_TEXT_BYTES} bytes`)),
};
const topicName = bytes(1, MAX_TOPIC_NAME_BYTES, `a string of 1 to ${MAX_TOPIC_NAME_BYTES} bytes`);
/** A topicID is a groupID by its characters (it names a group conversation: GROUP<topicID>). */
const topicID = groupID;
const topicIDList = v.optional(list(topicID, MAX_TOPICS_PER_CALL, 'topicIDs'));

export const topicRequestSchemas: {
  [Op in keyof TopicOperations]: v.GenericSchema<unknown, TopicOperations[Op]['req']>;
} = {
  getJoinedCommunityList: fields({}),
  createTopicInCommunity: fields({ groupID, topicName, topicID: v.optional(topicID), ...profile }),
  deleteTopicFromCommunity: fields({ groupID, topicIDList }),
  updateTopicProfile: fields({ groupID, topicID, topicName: v.optional(topicName), ...profile }),
  getTopicList: fields({ groupID, topicIDList }),
};
