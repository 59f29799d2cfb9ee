import type Database from 'better-sqlite3';
import { ErrorCode } from '../../protocol/errors';
import type { TopicFailure, TopicProfile, WireTopic } from '../../protocol/topics';
import { noSuchTopic, topicIDTaken, toTopic, type TopicRow } from './topic-rows';

/** Communities with topics, and their topics. Run at every open, before the group statements that read `topics`. */
export const TOPIC_SCHEMA = `
CREATE TABLE IF NOT EXISTS topic_communities (
  app INTEGER NOT NULL,
  group_id TEXT NOT NULL,
  PRIMARY KEY (app, group_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS topics (
  app INTEGER NOT NULL,
  topic_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  name TEXT NOT NULL,
  avatar TEXT NOT NULL,
  introduction TEXT NOT NULL,
  notification TEXT NOT NULL,
  custom_data TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  PRIMARY KEY (app, topic_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS topics_by_group ON topics (app, group_id);
`;

/** Topics in the SQLite store. A topic's messages, unread and @ marks are those of the group conversation GROUP<topicID>. */
export class SqliteTopics {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      enable: db.prepare('INSERT OR IGNORE INTO topic_communities (app, group_id) VALUES (?, ?)'),
      enabled: db.prepare<[number, string], { one: number }>(
        'SELECT 1 AS one FROM topic_communities WHERE app = ? AND group_id = ?',
      ),
      insert: db.prepare(
        `INSERT INTO topics (app, topic_id, group_id, name, avatar, introduction, notification, custom_data, create_time)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      topic: db.prepare<[number, string, string], TopicRow>(
        'SELECT * FROM topics WHERE app = ? AND topic_id = ? AND group_id = ?',
      ),
      topicsOf: db.prepare<[number, string], TopicRow>(
        'SELECT * FROM topics WHERE app = ? AND group_id = ? ORDER BY create_time, topic_id',
      ),
      update: db.prepare(
        `UPDATE topics SET name = ?, avatar = ?, introduction = ?, notification = ?, custom_data = ?
         WHERE app = ? AND topic_id = ?`,
      ),
      delete: db.prepare('DELETE FROM topics WHERE app = ? AND topic_id = ? AND group_id = ?'),
      conversation: db.prepare<[number, string, string], { unread: number; body: string | null }>(
        `SELECT uc.unread, m.body FROM user_conversations uc
         LEFT JOIN messages m ON m.app = uc.app AND m.conv = uc.conv AND m.seq = uc.last_seq
         WHERE uc.app = ? AND uc.user_id = ? AND uc.conversation_id = ?`,
      ),
      atInfo: db.prepare<[number, string, string], { seq: number; sender: string; at_type: 1 | 2 | 3 }>(
        'SELECT seq, sender, at_type FROM group_at WHERE app = ? AND user_id = ? AND conversation_id = ? ORDER BY seq',
      ),
    };
  }

  enable(app: number, groupID: string): void {
    this.statements.enable.run(app, groupID);
  }

  supportsTopics(app: number, groupID: string): boolean {
    return this.statements.enabled.get(app, groupID) !== undefined;
  }

  create(app: number, groupID: string, topicID: string, profile: TopicProfile, time: number): void {
    const existing = this.statements.topic.get(app, topicID, groupID);
    if (existing) throw topicIDTaken(topicID);
    const { topicName = '', avatar = '', introduction = '', notification = '', customData = '' } = profile;
    this.statements.insert.run(app, topicID, groupID, topicName, avatar, introduction, notification, customData, time);
  }

  update(app: number, groupID: string, topicID: string, profile: TopicProfile): void {
    const row = this.statements.topic.get(app, topicID, groupID);
    if (!row) throw noSuchTopic(topicID, groupID);
    this.statements.update.run(
      profile.topicName ?? row.name,
      profile.avatar ?? row.avatar,
      profile.introduction ?? row.introduction,
      profile.notification ?? row.notification,
      profile.customData ?? row.custom_data,
      app,
      topicID,
    );
  }

  /** Deletes the named topics (every topic of the community when `topicIDs` is null); history stays. */
  delete(app: number, groupID: string, topicIDs: string[] | null): { deleted: string[]; missing: string[] } {
    const targets = topicIDs ?? this.statements.topicsOf.all(app, groupID).map((row) => row.topic_id);
    const deleted: string[] = [];
    const missing: string[] = [];
    for (const topicID of new Set(targets))
      (this.statements.delete.run(app, topicID, groupID).changes > 0 ? deleted : missing).push(topicID);
    return { deleted, missing };
  }

  /** The topics as `viewer` sees them: their unread count, last message and @ marks are the viewer's. */
  list(
    app: number,
    groupID: string,
    topicIDs: string[] | null,
    viewer: string,
  ): { successTopicList: WireTopic[]; failureTopicList: TopicFailure[] } {
    const rows = topicIDs
      ? topicIDs.map((topicID) => this.statements.topic.get(app, topicID, groupID) ?? topicID)
      : this.statements.topicsOf.all(app, groupID);
    const successTopicList: WireTopic[] = [];
    const failureTopicList: TopicFailure[] = [];
    for (const row of rows) {
      if (typeof row === 'string') {
        failureTopicList.push({
          topicID: row,
          code: ErrorCode.GROUP_NOT_FOUND,
          message: noSuchTopic(row, groupID).message,
        });
        continue;
      }
      successTopicList.push(this.view(app, row, viewer));
    }
    return { successTopicList, failureTopicList };
  }

  private view(app: number, row: TopicRow, viewer: string): WireTopic {
    const conversationID = `GROUP${row.topic_id}`;
    return toTopic(row, {
      conversation: this.statements.conversation.get(app, viewer, conversationID),
      atMarks: this.statements.atInfo.all(app, viewer, conversationID),
    });
  }

  topic(app: number, groupID: string, topicID: string, viewer: string): WireTopic {
    const row = this.statements.topic.get(app, topicID, groupID);
    if (!row) throw noSuchTopic(topicID, groupID);
    return this.view(app, row, viewer);
  }
}
