import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageRemindType, ReadAllScope } from '../../protocol/constants';
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
import { SqliteConversationGroups } from './sqlite-conversation-groups';
import { SqliteConversations, wireConversation } from './sqlite-conversations';
import { SqliteGroups } from './sqlite-groups';
import { SqliteMessageActions, VISIBLE_TO_VIEWER } from './sqlite-message-actions';
import { SCHEMA, migrate } from './sqlite-schema';
import { SqliteProfiles } from './sqlite-profiles';
import { SqliteSocial } from './sqlite-social';
import type {
  CommitOutcome,
  HistoryQuery,
  HoppingQuery,
  NewGroup,
  RecipientsOutcome,
  RelationChanges,
  ReplaceOutcome,
  SearchQuery,
  SendIntent,
  Store,
} from './store';
import type { SearchCloudMessagesResult, WireMessageReactions } from '../../protocol/chat-actions';
import { createChatActionTables } from './sqlite-chat-actions-schema';
import { SqliteReactions } from './sqlite-reactions';
import { SqliteSearch } from './sqlite-search';
import type { ProfileUpdate, WireProfile } from '../../protocol/profiles';
import type { PushTarget } from './conversation-store';
import { SqliteGroupManagement } from './sqlite-group-management';
import type { GroupAttributes, GroupCounters } from '../../protocol/group-management';
import type {
  AttributeWrite,
  CounterWrite,
  GroupProfileChanges,
  MemberChanges,
  StoredGroupApplication,
} from './group-management-store';
import { SqliteFriends } from './sqlite-friends';
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

/** Methods that run while derived rows still wait in memory: the send path, and what flushes them itself. */
const RUN_WITHOUT_FLUSH = new Set<string | symbol>([
  'commitMessages',
  'recipientsOf',
  'flushDerivedIfDue',
  'close',
  // reads only conversation_settings, which the send path does not write
  'mutedAmong',
]);

/** The embedded store: one SQLite file in WAL mode, every commit fsynced before it is acknowledged. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly groups: SqliteGroups;
  private readonly social: SqliteSocial;
  private readonly friends: SqliteFriends;
  private readonly topics: SqliteTopics;
  private readonly committer: SqliteCommit;
  private readonly actions: SqliteMessageActions;
  private readonly reactions: SqliteReactions;
  private readonly search: SqliteSearch;
  private readonly profiles: SqliteProfiles;
  private readonly conversations: SqliteConversations;
  private readonly conversationGroupStore: SqliteConversationGroups;
  private readonly groupManagement: SqliteGroupManagement;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'tidings.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // better-sqlite3 builds SQLite with WAL at synchronous=NORMAL, which skips the fsync per commit.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    // A bigger page cache keeps the indexes' interior pages and the recent leaves in memory
    // (SQLite's default is 2 MB). Checkpoints stay at SQLite's default (every 1,000 pages of WAL):
    // a longer WAL wrote less in all but made each checkpoint a longer stall of the commit that runs it.
    this.db.pragma('cache_size = -65536');
    this.db.exec(SCHEMA);
    migrate(this.db);
    createChatActionTables(this.db);
    this.db.exec(TOPIC_SCHEMA);
    this.groups = new SqliteGroups(this.db);
    this.social = new SqliteSocial(this.db);
    this.friends = new SqliteFriends(this.db);
    this.topics = new SqliteTopics(this.db);
    this.committer = new SqliteCommit(this.db, this.groups, this.social);
    this.actions = new SqliteMessageActions(this.db);
    this.reactions = new SqliteReactions(this.db);
    this.search = new SqliteSearch(this.db);
    this.profiles = new SqliteProfiles(this.db);
    this.conversationGroupStore = new SqliteConversationGroups(this.db);
    this.conversations = new SqliteConversations(this.db, this.conversationGroupStore);
    this.groupManagement = new SqliteGroupManagement(this.db);
    const db = this.db;
    this.statements = {
      message: db.prepare<[number, string, string], { seq: number; body: string; audience: string | null }>(
        'SELECT seq, body, audience FROM messages WHERE app = ? AND conv = ? AND id = ?',
      ),
      history: db.prepare<
        { app: number; conv: string; before: number; cleared: number; viewer: string; count: number },
        { body: string }
      >(
        `SELECT body FROM messages WHERE app = @app AND conv = @conv AND seq < @before AND seq > @cleared AND ${VISIBLE_TO_VIEWER}
         ORDER BY seq DESC LIMIT @count`,
      ),
      newestVisible: db.prepare<
        { app: number; conv: string; before: number; cleared: number; viewer: string },
        { body: string }
      >(
        `SELECT body FROM messages WHERE app = @app AND conv = @conv AND seq < @before AND seq > @cleared AND ${VISIBLE_TO_VIEWER}
         ORDER BY seq DESC LIMIT 1`,
      ),
      readSeq: db.prepare<[number, string, string], { read_seq: number }>(
        'SELECT read_seq FROM user_conversations WHERE app = ? AND user_id = ? AND conversation_id = ?',
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
    // Every other method, including those added later, first writes the conversation rows that sends
    // left waiting (sqlite-derived.ts), so it reads and changes the tables as if they had been written at once.
    const committer = this.committer;
    return new Proxy(this, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || RUN_WITHOUT_FLUSH.has(property)) return value;
        return (...args: unknown[]) => {
          committer.derived.flush();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  /** Writes the conversation rows sends left waiting, if they have waited long enough; the store thread calls it between requests. */
  flushDerivedIfDue(): void {
    if (this.committer.derived.due()) this.committer.derived.flush();
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
    // clearHistoryMessage: what the viewer cleared is not theirs to see any more.
    const cleared = this.conversations.clearedSequence(app, query.viewer, query.conversationID);
    const rows = this.statements.history.all({
      app,
      conv: conversationKey,
      before: beforeSeq,
      cleared,
      viewer: query.viewer,
      count: query.count + 1,
    });
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
    return this.conversations.list(app, userID).map((row) => {
      // The user deleted the last message for themself: the one before it that they may still read is shown.
      const body = row.last_hidden
        ? (this.statements.newestVisible.get({
            app,
            conv: row.conv,
            before: row.last_seq,
            cleared: this.conversations.clearedSequence(app, userID, row.conversation_id),
            viewer: userID,
          })?.body ?? null)
        : row.body;
      return wireConversation(row, body, atByConversation.get(row.conversation_id));
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

  // Revoke, modify, delete for me, hopping
  async replaceMessage(
    app: number,
    conversationKey: string,
    next: WireMessage,
    expectedVersion: number,
  ): Promise<ReplaceOutcome | null> {
    return this.actions.replace(app, conversationKey, next, expectedVersion);
  }
  async hideMessages(app: number, userID: string, conversationKey: string, IDs: string[]): Promise<void> {
    this.actions.hide(app, userID, conversationKey, IDs);
  }
  async getMessageListHopping(query: HoppingQuery): Promise<WireMessage[]> {
    return this.actions.hopping(query);
  }

  // Reactions and search
  async addReaction(
    app: number,
    conversationKey: string,
    ID: string,
    reactionID: string,
    userID: string,
    timeMs: number,
  ) {
    this.reactions.add(app, conversationKey, ID, reactionID, userID, timeMs);
  }
  async removeReaction(app: number, conversationKey: string, ID: string, reactionID: string, userID: string) {
    this.reactions.remove(app, conversationKey, ID, reactionID, userID);
  }
  async getReactions(
    app: number,
    conversationKey: string,
    IDs: string[],
    maxUsers: number,
    viewer: string | null,
  ): Promise<WireMessageReactions[]> {
    return this.reactions.list(app, conversationKey, IDs, maxUsers, viewer);
  }
  async getReactionUsers(
    app: number,
    conversationKey: string,
    ID: string,
    reactionID: string,
    offset: number,
    count: number,
  ) {
    return this.reactions.users(app, conversationKey, ID, reactionID, offset, count);
  }
  async searchMessages(query: SearchQuery): Promise<SearchCloudMessagesResult> {
    return this.search.search(query);
  }
  // Profiles
  async getProfile(app: number, userID: string): Promise<WireProfile> {
    return this.profiles.getProfile(app, userID);
  }
  async getProfiles(app: number, userIDs: string[]): Promise<WireProfile[]> {
    return this.profiles.getProfiles(app, userIDs);
  }
  async updateProfile(app: number, userID: string, update: ProfileUpdate, time: number): Promise<WireProfile> {
    return this.profiles.updateProfile(app, userID, update, time);
  }

  // Conversation actions
  async deleteConversations(app: number, userID: string, conversationIDs: string[], clearHistory: boolean) {
    this.conversations.deleteConversations(app, userID, conversationIDs, clearHistory);
  }
  async clearHistory(app: number, userID: string, conversationID: string): Promise<void> {
    this.conversations.clearHistory(app, userID, conversationID);
  }
  async setPinned(app: number, userID: string, conversationID: string, pinned: boolean): Promise<void> {
    this.conversations.setPinned(app, userID, conversationID, pinned);
  }
  async setMark(app: number, userID: string, conversationIDs: string[], markType: number, enable: boolean) {
    this.conversations.setMark(app, userID, conversationIDs, markType, enable);
  }
  async setDraft(app: number, userID: string, conversationID: string, draftText: string): Promise<void> {
    this.conversations.setDraft(app, userID, conversationID, draftText);
  }
  async setCustomData(app: number, userID: string, conversationIDs: string[], customData: string) {
    this.conversations.setCustomData(app, userID, conversationIDs, customData);
  }
  async setRemindType(app: number, userID: string, conversationIDs: string[], remindType: MessageRemindType) {
    this.conversations.setRemindType(app, userID, conversationIDs, remindType);
  }
  async readAll(app: number, userID: string, scope: ReadAllScope) {
    return this.conversations.readAll(app, userID, scope);
  }
  async mutedAmong(app: number, targets: PushTarget[]): Promise<string[]> {
    return this.conversations.mutedAmong(app, targets);
  }
  async conversationGroups(app: number, userID: string): Promise<string[]> {
    return this.conversationGroupStore.names(app, userID);
  }
  async createConversationGroup(app: number, userID: string, groupName: string, conversationIDs: string[]) {
    return this.conversationGroupStore.create(app, userID, groupName, conversationIDs);
  }
  async deleteConversationGroup(app: number, userID: string, groupName: string): Promise<string[]> {
    return this.conversationGroupStore.delete(app, userID, groupName);
  }
  async renameConversationGroup(app: number, userID: string, oldName: string, newName: string): Promise<string[]> {
    return this.conversationGroupStore.rename(app, userID, oldName, newName);
  }
  async addToConversationGroup(app: number, userID: string, groupName: string, conversationIDs: string[]) {
    return this.conversationGroupStore.add(app, userID, groupName, conversationIDs);
  }
  async removeFromConversationGroup(app: number, userID: string, groupName: string, conversationIDs: string[]) {
    return this.conversationGroupStore.remove(app, userID, groupName, conversationIDs);
  }
  // Group management
  async updateGroupProfile(app: number, groupID: string, changes: GroupProfileChanges): Promise<void> {
    this.groupManagement.updateProfile(app, groupID, changes);
  }
  async updateGroupMember(app: number, groupID: string, userID: string, changes: MemberChanges): Promise<boolean> {
    return this.groupManagement.updateMember(app, groupID, userID, changes);
  }
  async changeGroupOwner(app: number, groupID: string, oldOwnerID: string, newOwnerID: string): Promise<void> {
    this.groupManagement.changeOwner(app, groupID, oldOwnerID, newOwnerID);
  }
  async getGroupMemberProfiles(app: number, groupID: string, userIDs: string[]): Promise<WireGroupMember[]> {
    return this.groupManagement.memberProfiles(app, groupID, userIDs);
  }
  async addGroupApplication(app: number, application: StoredGroupApplication): Promise<boolean> {
    return this.groupManagement.addApplication(app, application);
  }
  async getGroupApplications(app: number, groupIDs: string[]): Promise<StoredGroupApplication[]> {
    return this.groupManagement.applications(app, groupIDs);
  }
  async takeGroupApplication(app: number, groupID: string, applicant: string) {
    return this.groupManagement.takeApplication(app, groupID, applicant);
  }
  async getGroupAttributes(app: number, groupID: string): Promise<GroupAttributes> {
    return this.groupManagement.attributes(app, groupID);
  }
  async writeGroupAttributes(app: number, groupID: string, write: AttributeWrite): Promise<GroupAttributes> {
    return this.groupManagement.writeAttributes(app, groupID, write);
  }
  async getGroupCounters(app: number, groupID: string): Promise<GroupCounters> {
    return this.groupManagement.counters(app, groupID);
  }
  async writeGroupCounters(app: number, groupID: string, write: CounterWrite): Promise<GroupCounters> {
    return this.groupManagement.writeCounters(app, groupID, write);
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
    this.committer.derived.flush();
    this.search.close();
    this.db.close();
  }
}
