import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { parseConversationID } from '../../protocol/conversation-id';
import type { WireMessage } from '../../protocol/messages';
import type {
  HistoryResult,
  WireConversation,
  WireExtension,
  WireFriend,
  WireGroup,
  WireGroupAtInfo,
  WireGroupMember,
} from '../../protocol/operations';
import { SqliteCommit } from './sqlite-commit';
import { SqliteGroups } from './sqlite-groups';
import { SCHEMA, migrate } from './sqlite-schema';
import { SqliteFriends } from './sqlite-friends';
import { SqliteSocial } from './sqlite-social';
import { SqliteTopics, TOPIC_SCHEMA } from './sqlite-topics';
import type { TopicProfile } from '../../protocol/topics';
import type {
  AddFriendRequest,
  AllowType,
  CheckFriendType,
  FriendApplicationAnswer,
  FriendApplicationType,
  WireFriendCustomField,
} from '../../protocol/friends';
import type {
  CommitOutcome,
  HistoryQuery,
  NewGroup,
  RecipientsOutcome,
  RelationChanges,
  SendIntent,
  Store,
} from './store';

interface UserConversationRow {
  conversation_id: string;
  type: WireConversation['type'];
  unread: number;
  body: string | null;
  head_seq: number | null;
}

/** The embedded store: one SQLite file in WAL mode, every commit fsynced before it is acknowledged. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly groups: SqliteGroups;
  private readonly social: SqliteSocial;
  private readonly friends: SqliteFriends;
  private readonly topics: SqliteTopics;
  private readonly committer: SqliteCommit;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'tidings.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // better-sqlite3 builds SQLite with WAL at synchronous=NORMAL, which skips the fsync per commit.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    migrate(this.db);
    this.db.exec(TOPIC_SCHEMA);
    this.groups = new SqliteGroups(this.db);
    this.social = new SqliteSocial(this.db);
    this.friends = new SqliteFriends(this.db);
    this.topics = new SqliteTopics(this.db);
    this.committer = new SqliteCommit(this.db, this.groups, this.social);
    const db = this.db;
    this.statements = {
      message: db.prepare<[number, string, string], { seq: number; body: string; audience: string | null }>(
        'SELECT seq, body, audience FROM messages WHERE app = ? AND conv = ? AND id = ?',
      ),
      history: db.prepare<[number, string, number, string, number], { body: string }>(
        `SELECT body FROM messages WHERE app = ? AND conv = ? AND seq < ?
         AND (audience IS NULL OR EXISTS (SELECT 1 FROM json_each(messages.audience) WHERE json_each.value = ?))
         ORDER BY seq DESC LIMIT ?`,
      ),
      readSeq: db.prepare<[number, string, string], { read_seq: number }>(
        'SELECT read_seq FROM user_conversations WHERE app = ? AND user_id = ? AND conversation_id = ?',
      ),
      conversationList: db.prepare<[number, string], UserConversationRow>(
        `SELECT uc.conversation_id, uc.type, uc.unread, m.body, h.last_seq AS head_seq FROM user_conversations uc
         LEFT JOIN messages m ON m.app = uc.app AND m.conv = uc.conv AND m.seq = uc.last_seq
         LEFT JOIN conversation_heads h ON h.app = uc.app AND h.conv = uc.conv
         WHERE uc.app = ? AND uc.user_id = ? ORDER BY uc.updated_at DESC`,
      ),
      atInfo: db.prepare<
        [number, string],
        { conversation_id: string; seq: number; sender: string; at_type: 1 | 2 | 3 }
      >('SELECT conversation_id, seq, sender, at_type FROM group_at WHERE app = ? AND user_id = ? ORDER BY seq'),
      markRead: db.prepare(
        `UPDATE user_conversations SET unread = 0,
           read_seq = COALESCE((SELECT h.last_seq FROM conversation_heads h WHERE h.app = user_conversations.app AND h.conv = user_conversations.conv), read_seq)
         WHERE app = ? AND user_id = ? AND conversation_id = ?`,
      ),
      clearAt: db.prepare('DELETE FROM group_at WHERE app = ? AND user_id = ? AND conversation_id = ?'),
    };
  }

  async commitMessages(intents: SendIntent[]): Promise<CommitOutcome[]> {
    return this.committer.commit(intents);
  }

  async recipientsOf(intent: SendIntent): Promise<RecipientsOutcome> {
    return this.committer.recipientsOf(intent);
  }

  async getMessageList(query: HistoryQuery): Promise<HistoryResult> {
    const { app, conversationKey } = query;
    let beforeSeq = Number.MAX_SAFE_INTEGER;
    if (query.nextReqMessageID) {
      const row = this.statements.message.get(app, conversationKey, query.nextReqMessageID);
      if (!row)
        throw new ChatError(
          ErrorCode.INVALID_PARAMETER,
          `nextReqMessageID ${query.nextReqMessageID} is not a message of ${query.conversationID}.`,
        );
      beforeSeq = row.seq;
    }
    const rows = this.statements.history.all(app, conversationKey, beforeSeq, query.viewer, query.count + 1);
    const isCompleted = rows.length <= query.count;
    const messageList = rows
      .slice(0, query.count)
      .map((row) => JSON.parse(row.body) as WireMessage)
      .reverse();
    const parsed = parseConversationID(query.conversationID);
    if (parsed?.type === 'C2C') {
      const peerReadSeq = this.statements.readSeq.get(app, parsed.target, `C2C${query.viewer}`)?.read_seq ?? 0;
      for (const message of messageList)
        if (message.from === query.viewer && parsed.target !== query.viewer)
          message.isPeerRead = message.sequence <= peerReadSeq;
    }
    return { messageList, nextReqMessageID: messageList[0]?.ID ?? '', isCompleted };
  }

  async getConversationList(app: number, userID: string): Promise<WireConversation[]> {
    const atByConversation = new Map<string, WireGroupAtInfo[]>();
    for (const row of this.statements.atInfo.all(app, userID)) {
      const list = atByConversation.get(row.conversation_id) ?? [];
      list.push({
        from: row.sender,
        groupID: row.conversation_id.slice('GROUP'.length),
        messageSequence: row.seq,
        atType: row.at_type,
      });
      atByConversation.set(row.conversation_id, list);
    }
    return this.statements.conversationList.all(app, userID).map((row) => {
      const conversation: WireConversation = {
        conversationID: row.conversation_id,
        type: row.type,
        unreadCount: row.unread,
        lastMessage: row.body ? (JSON.parse(row.body) as WireMessage) : null,
        lastSequence: row.head_seq ?? 0,
      };
      if (row.type === 'GROUP') conversation.groupAtInfoList = atByConversation.get(row.conversation_id) ?? [];
      return conversation;
    });
  }

  async setMessageRead(app: number, userID: string, conversationID: string): Promise<{ readSequence: number }> {
    return this.db.transaction(() => {
      this.statements.markRead.run(app, userID, conversationID);
      this.statements.clearAt.run(app, userID, conversationID);
      return { readSequence: this.statements.readSeq.get(app, userID, conversationID)?.read_seq ?? 0 };
    })();
  }

  async getMessage(
    app: number,
    conversationKey: string,
    ID: string,
  ): Promise<{ message: WireMessage; visibleTo: string[] | null } | null> {
    const row = this.statements.message.get(app, conversationKey, ID);
    if (!row) return null;
    return {
      message: JSON.parse(row.body) as WireMessage,
      visibleTo: row.audience === null ? null : (JSON.parse(row.audience) as string[]),
    };
  }

  // Groups
  async createGroup(app: number, group: NewGroup, memberIDs: string[]): Promise<void> {
    this.groups.create(app, group, memberIDs);
  }
  async getGroup(app: number, groupID: string, viewer?: string): Promise<WireGroup | null> {
    return this.groups.get(app, groupID, viewer);
  }
  async getGroupMembers(app: number, groupID: string): Promise<WireGroupMember[]> {
    return this.groups.members(app, groupID);
  }
  async getGroupList(app: number, userID: string): Promise<WireGroup[]> {
    return this.groups.listOf(app, userID);
  }
  async addGroupMembers(app: number, groupID: string, userIDs: string[], joinTime: number) {
    return this.groups.add(app, groupID, userIDs, joinTime);
  }
  async removeGroupMembers(app: number, groupID: string, userIDs: string[]): Promise<string[]> {
    return this.groups.remove(app, groupID, userIDs);
  }
  async deleteGroup(app: number, groupID: string): Promise<string[]> {
    return this.groups.delete(app, groupID);
  }

  // Relations: friends, friend requests, blacklist
  async addFriend(app: number, from: string, request: AddFriendRequest, allowType: AllowType, time: number) {
    return this.friends.addFriend(app, from, request, allowType, time);
  }
  async deleteFriends(app: number, userID: string, friendIDs: string[], both: boolean) {
    return this.friends.deleteFriends(app, userID, friendIDs, both);
  }
  async getFriendList(app: number, userID: string): Promise<WireFriend[]> {
    return this.friends.friendList(app, userID);
  }
  async getFriendProfiles(app: number, userID: string, friendIDs: string[]): Promise<WireFriend[]> {
    return this.friends.friendProfiles(app, userID, friendIDs);
  }
  async checkFriends(app: number, userID: string, otherIDs: string[], type: CheckFriendType) {
    return this.friends.checkFriends(app, userID, otherIDs, type);
  }
  async updateFriend(
    app: number,
    userID: string,
    friendID: string,
    update: { remark?: string; friendCustomField?: WireFriendCustomField[] },
  ) {
    return this.friends.updateFriend(app, userID, friendID, update);
  }
  async getFriendApplications(app: number, userID: string) {
    return this.friends.applications(app, userID);
  }
  async acceptFriendApplication(
    app: number,
    userID: string,
    applicant: string,
    answer: FriendApplicationAnswer,
    remark: string,
    time: number,
  ): Promise<RelationChanges> {
    return this.friends.acceptApplication(app, userID, applicant, answer, remark, time);
  }
  async refuseFriendApplication(app: number, userID: string, applicant: string): Promise<RelationChanges> {
    return this.friends.refuseApplication(app, userID, applicant);
  }
  async deleteFriendApplication(
    app: number,
    userID: string,
    other: string,
    type: FriendApplicationType,
  ): Promise<RelationChanges> {
    return this.friends.deleteApplication(app, userID, other, type);
  }
  async setFriendApplicationsRead(app: number, userID: string): Promise<RelationChanges> {
    return this.friends.setApplicationsRead(app, userID);
  }
  async addToBlacklist(app: number, userID: string, blockedIDs: string[]) {
    return this.friends.block(app, userID, blockedIDs);
  }
  async removeFromBlacklist(app: number, userID: string, blockedIDs: string[]) {
    return this.friends.unblock(app, userID, blockedIDs);
  }
  async getBlacklist(app: number, userID: string): Promise<string[]> {
    return this.friends.blacklist(app, userID);
  }
  async getFriendGroups(app: number, userID: string) {
    return this.friends.friendGroups(app, userID);
  }
  async createFriendGroup(app: number, userID: string, name: string, friendIDs: string[]) {
    return this.friends.createFriendGroup(app, userID, name, friendIDs);
  }
  async changeFriendGroup(app: number, userID: string, name: string, friendIDs: string[], add: boolean) {
    return this.friends.changeFriendGroup(app, userID, name, friendIDs, add);
  }
  async deleteFriendGroup(app: number, userID: string, name: string) {
    return this.friends.deleteFriendGroup(app, userID, name);
  }
  async renameFriendGroup(app: number, userID: string, oldName: string, newName: string) {
    return this.friends.renameFriendGroup(app, userID, oldName, newName);
  }

  // Read receipts and extensions
  async addReadReceipts(app: number, conversationKey: string, IDs: string[], userID: string): Promise<string[]> {
    return this.social.addReceipts(app, conversationKey, IDs, userID);
  }
  async countReadReceipts(app: number, conversationKey: string, IDs: string[]): Promise<number[]> {
    return this.social.countReceipts(app, conversationKey, IDs);
  }
  async setExtensions(
    app: number,
    conversationKey: string,
    ID: string,
    extensions: WireExtension[],
  ): Promise<WireExtension[]> {
    return this.social.setExtensions(app, conversationKey, ID, extensions);
  }
  async getExtensions(app: number, conversationKey: string, ID: string): Promise<WireExtension[]> {
    return this.social.extensions(app, conversationKey, ID);
  }
  async deleteExtensions(app: number, conversationKey: string, ID: string, keys: string[] | null): Promise<string[]> {
    return this.social.deleteExtensions(app, conversationKey, ID, keys);
  }

  // Community topics
  async enableTopics(app: number, groupID: string): Promise<void> {
    this.topics.enable(app, groupID);
  }
  async supportsTopics(app: number, groupID: string): Promise<boolean> {
    return this.topics.supportsTopics(app, groupID);
  }
  async createTopic(app: number, groupID: string, topicID: string, profile: TopicProfile, time: number) {
    this.topics.create(app, groupID, topicID, profile, time);
  }
  async updateTopic(app: number, groupID: string, topicID: string, profile: TopicProfile) {
    this.topics.update(app, groupID, topicID, profile);
  }
  async deleteTopics(app: number, groupID: string, topicIDs: string[] | null) {
    return this.topics.delete(app, groupID, topicIDs);
  }
  async getTopics(app: number, groupID: string, topicIDs: string[] | null, viewer: string) {
    return this.topics.list(app, groupID, topicIDs, viewer);
  }
  async getTopic(app: number, groupID: string, topicID: string, viewer: string) {
    return this.topics.topic(app, groupID, topicID, viewer);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
