import { ErrorCode } from '../../../protocol/errors';
import type { TopicFailure, TopicProfile, WireTopic } from '../../../protocol/topics';
import type { TopicStore } from '../store';
import { noSuchTopic, topicIDTaken, toTopic, type TopicConversationRows, type TopicRow } from '../topic-rows';
import type { PgDatabase, Queryable } from './pg-database';

const TOPIC_COLUMNS = 'topic_id, name, avatar, introduction, notification, custom_data, create_time';

/** How `viewer` sees these topics: their side of each topic's conversation GROUP<topicID> (unread, last message, @ marks). */
async function viewTopics(db: Queryable, app: number, rows: TopicRow[], viewer: string): Promise<WireTopic[]> {
  const conversationIDs = rows.map((row) => `GROUP${row.topic_id}`);
  const conversations = await db.query<{ conversation_id: string; unread: number; body: string | null }>(
    `SELECT uc.conversation_id, uc.unread, m.body FROM user_conversations uc
     LEFT JOIN messages m ON m.app = uc.app AND m.conv = uc.conv AND m.seq = uc.last_seq
     WHERE uc.app = $1 AND uc.user_id = $2 AND uc.conversation_id = ANY($3::text[])`,
    [app, viewer, conversationIDs],
  );
  const marks = await db.query<{ conversation_id: string } & TopicConversationRows['atMarks'][number]>(
    `SELECT conversation_id, seq, sender, at_type FROM group_at
     WHERE app = $1 AND user_id = $2 AND conversation_id = ANY($3::text[]) ORDER BY seq`,
    [app, viewer, conversationIDs],
  );
  return rows.map((row) => {
    const conversationID = `GROUP${row.topic_id}`;
    const conversation = conversations.rows.find((c) => c.conversation_id === conversationID);
    const atMarks = marks.rows
      .filter((mark) => mark.conversation_id === conversationID)
      .map(({ seq, sender, at_type }) => ({ seq, sender, at_type }));
    return toTopic(row, { conversation, atMarks });
  });
}

/** Topics on PostgreSQL (sqlite-topics.ts). A topic's messages, unread and @ marks are those of the group conversation GROUP<topicID>. */
export class PgTopics implements TopicStore {
  constructor(private readonly db: PgDatabase) {}

  async enableTopics(app: number, groupID: string): Promise<void> {
    await this.db.query('INSERT INTO topic_communities (app, group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      app,
      groupID,
    ]);
  }

  async supportsTopics(app: number, groupID: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM topic_communities WHERE app = $1 AND group_id = $2', [
      app,
      groupID,
    ]);
    return rows.length > 0;
  }

  async createTopic(app: number, groupID: string, topicID: string, profile: TopicProfile, time: number) {
    const { topicName = '', avatar = '', introduction = '', notification = '', customData = '' } = profile;
    const rows = await this.db.query(
      `INSERT INTO topics (app, topic_id, group_id, name, avatar, introduction, notification, custom_data, create_time)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING 1`,
      [app, topicID, groupID, topicName, avatar, introduction, notification, customData, time],
    );
    if (rows.length === 0) throw topicIDTaken(topicID);
  }

  async updateTopic(app: number, groupID: string, topicID: string, profile: TopicProfile): Promise<void> {
    // An absent field (null here) keeps its value.
    const rows = await this.db.query(
      `UPDATE topics SET name = COALESCE($4, name), avatar = COALESCE($5, avatar),
         introduction = COALESCE($6, introduction), notification = COALESCE($7, notification),
         custom_data = COALESCE($8, custom_data)
       WHERE app = $1 AND topic_id = $2 AND group_id = $3 RETURNING 1`,
      [
        app,
        topicID,
        groupID,
        profile.topicName ?? null,
        profile.avatar ?? null,
        profile.introduction ?? null,
        profile.notification ?? null,
        profile.customData ?? null,
      ],
    );
    if (rows.length === 0) throw noSuchTopic(topicID, groupID);
  }

  /** Deletes the named topics (every topic of the community when `topicIDs` is null); history stays. */
  async deleteTopics(app: number, groupID: string, topicIDs: string[] | null) {
    if (topicIDs === null) {
      const rows = await this.db.query<{ topic_id: string }>(
        `WITH gone AS (DELETE FROM topics WHERE app = $1 AND group_id = $2 RETURNING topic_id, create_time)
         SELECT topic_id FROM gone ORDER BY create_time, topic_id COLLATE "C"`,
        [app, groupID],
      );
      return { deleted: rows.map((row) => row.topic_id), missing: [] };
    }
    const targets = [...new Set(topicIDs)];
    const rows = await this.db.query<{ topic_id: string }>(
      'DELETE FROM topics WHERE app = $1 AND group_id = $2 AND topic_id = ANY($3::text[]) RETURNING topic_id',
      [app, groupID, targets],
    );
    const gone = new Set(rows.map((row) => row.topic_id));
    return {
      deleted: targets.filter((topicID) => gone.has(topicID)),
      missing: targets.filter((topicID) => !gone.has(topicID)),
    };
  }

  /** The topics as `viewer` sees them: their unread count, last message and @ marks are the viewer's. */
  async getTopics(
    app: number,
    groupID: string,
    topicIDs: string[] | null,
    viewer: string,
  ): Promise<{ successTopicList: WireTopic[]; failureTopicList: TopicFailure[] }> {
    if (topicIDs === null) {
      const rows = await this.db.query<TopicRow>(
        `SELECT ${TOPIC_COLUMNS} FROM topics WHERE app = $1 AND group_id = $2 ORDER BY create_time, topic_id COLLATE "C"`,
        [app, groupID],
      );
      return { successTopicList: await viewTopics(this.db.pool, app, rows, viewer), failureTopicList: [] };
    }
    const rows = await this.db.query<TopicRow>(
      `SELECT ${TOPIC_COLUMNS} FROM topics WHERE app = $1 AND group_id = $2 AND topic_id = ANY($3::text[])`,
      [app, groupID, topicIDs],
    );
    const byID = new Map(rows.map((row) => [row.topic_id, row]));
    const found = topicIDs.flatMap((topicID) => byID.get(topicID) ?? []);
    const failureTopicList: TopicFailure[] = topicIDs
      .filter((topicID) => !byID.has(topicID))
      .map((topicID) => ({
        topicID,
        code: ErrorCode.GROUP_NOT_FOUND,
        message: noSuchTopic(topicID, groupID).message,
      }));
    return { successTopicList: await viewTopics(this.db.pool, app, found, viewer), failureTopicList };
  }

  async getTopic(app: number, groupID: string, topicID: string, viewer: string): Promise<WireTopic> {
    const rows = await this.db.query<TopicRow>(
      `SELECT ${TOPIC_COLUMNS} FROM topics WHERE app = $1 AND group_id = $2 AND topic_id = $3`,
      [app, groupID, topicID],
    );
    if (!rows[0]) throw noSuchTopic(topicID, groupID);
    const [topic] = await viewTopics(this.db.pool, app, rows, viewer);
    return topic;
  }
}
