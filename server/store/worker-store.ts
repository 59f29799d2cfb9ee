import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ChatError } from '../../protocol/errors';
import type { Store } from './store';
import { decodeResult, type StoreCall, type StoreReply } from './worker-protocol';

interface Waiting {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type StoreMethod = Exclude<keyof Store, 'close'>;

const WORKER_FILE = join(__dirname, 'sqlite-worker.js');

/**
 * The SQLite store on its own thread. The server's event loop keeps reading and writing
 * sockets while a commit waits for its fsync, and the group commit gathers the next batch.
 */
export class WorkerStore implements Store {
  private readonly waiting = new Map<number, Waiting>();
  private nextID = 1;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: StoreReply) => this.settle(reply));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`the store thread stopped (exit code ${code})`)));
  }

  static async open(dataDir: string): Promise<WorkerStore> {
    if (!existsSync(WORKER_FILE)) throw new Error(`${WORKER_FILE} is missing: build the server first (npm run build).`);
    const worker = new Worker(WORKER_FILE, { workerData: { dataDir } });
    const ready = await new Promise<{ ready: boolean; message?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (!ready.ready) throw new Error(`could not open the store in ${dataDir}: ${ready.message}`);
    return new WorkerStore(worker);
  }

  commitMessages: Store['commitMessages'] = this.forward('commitMessages');
  recipientsOf: Store['recipientsOf'] = this.forward('recipientsOf');
  getMessageList: Store['getMessageList'] = this.forward('getMessageList');
  getConversationList: Store['getConversationList'] = this.forward('getConversationList');
  setMessageRead: Store['setMessageRead'] = this.forward('setMessageRead');
  getMessage: Store['getMessage'] = this.forward('getMessage');
  createGroup: Store['createGroup'] = this.forward('createGroup');
  getGroup: Store['getGroup'] = this.forward('getGroup');
  getGroupMembers: Store['getGroupMembers'] = this.forward('getGroupMembers');
  getGroupList: Store['getGroupList'] = this.forward('getGroupList');
  addGroupMembers: Store['addGroupMembers'] = this.forward('addGroupMembers');
  removeGroupMembers: Store['removeGroupMembers'] = this.forward('removeGroupMembers');
  deleteGroup: Store['deleteGroup'] = this.forward('deleteGroup');
  addReadReceipts: Store['addReadReceipts'] = this.forward('addReadReceipts');
  countReadReceipts: Store['countReadReceipts'] = this.forward('countReadReceipts');
  setExtensions: Store['setExtensions'] = this.forward('setExtensions');
  getExtensions: Store['getExtensions'] = this.forward('getExtensions');
  deleteExtensions: Store['deleteExtensions'] = this.forward('deleteExtensions');
  replaceMessage: Store['replaceMessage'] = this.forward('replaceMessage');
  hideMessages: Store['hideMessages'] = this.forward('hideMessages');
  getMessageListHopping: Store['getMessageListHopping'] = this.forward('getMessageListHopping');
  addReaction: Store['addReaction'] = this.forward('addReaction');
  removeReaction: Store['removeReaction'] = this.forward('removeReaction');
  getReactions: Store['getReactions'] = this.forward('getReactions');
  getReactionUsers: Store['getReactionUsers'] = this.forward('getReactionUsers');
  searchMessages: Store['searchMessages'] = this.forward('searchMessages');
  getProfile: Store['getProfile'] = this.forward('getProfile');
  getProfiles: Store['getProfiles'] = this.forward('getProfiles');
  updateProfile: Store['updateProfile'] = this.forward('updateProfile');
  deleteConversations: Store['deleteConversations'] = this.forward('deleteConversations');
  clearHistory: Store['clearHistory'] = this.forward('clearHistory');
  setPinned: Store['setPinned'] = this.forward('setPinned');
  setMark: Store['setMark'] = this.forward('setMark');
  setDraft: Store['setDraft'] = this.forward('setDraft');
  setCustomData: Store['setCustomData'] = this.forward('setCustomData');
  setRemindType: Store['setRemindType'] = this.forward('setRemindType');
  readAll: Store['readAll'] = this.forward('readAll');
  mutedAmong: Store['mutedAmong'] = this.forward('mutedAmong');
  conversationGroups: Store['conversationGroups'] = this.forward('conversationGroups');
  createConversationGroup: Store['createConversationGroup'] = this.forward('createConversationGroup');
  deleteConversationGroup: Store['deleteConversationGroup'] = this.forward('deleteConversationGroup');
  renameConversationGroup: Store['renameConversationGroup'] = this.forward('renameConversationGroup');
  addToConversationGroup: Store['addToConversationGroup'] = this.forward('addToConversationGroup');
  removeFromConversationGroup: Store['removeFromConversationGroup'] = this.forward('removeFromConversationGroup');
  updateGroupProfile: Store['updateGroupProfile'] = this.forward('updateGroupProfile');
  updateGroupMember: Store['updateGroupMember'] = this.forward('updateGroupMember');
  changeGroupOwner: Store['changeGroupOwner'] = this.forward('changeGroupOwner');
  getGroupMemberProfiles: Store['getGroupMemberProfiles'] = this.forward('getGroupMemberProfiles');
  addGroupApplication: Store['addGroupApplication'] = this.forward('addGroupApplication');
  getGroupApplications: Store['getGroupApplications'] = this.forward('getGroupApplications');
  takeGroupApplication: Store['takeGroupApplication'] = this.forward('takeGroupApplication');
  getGroupAttributes: Store['getGroupAttributes'] = this.forward('getGroupAttributes');
  writeGroupAttributes: Store['writeGroupAttributes'] = this.forward('writeGroupAttributes');
  getGroupCounters: Store['getGroupCounters'] = this.forward('getGroupCounters');
  writeGroupCounters: Store['writeGroupCounters'] = this.forward('writeGroupCounters');
  addFriend: Store['addFriend'] = this.forward('addFriend');
  deleteFriends: Store['deleteFriends'] = this.forward('deleteFriends');
  getFriendList: Store['getFriendList'] = this.forward('getFriendList');
  getFriendProfiles: Store['getFriendProfiles'] = this.forward('getFriendProfiles');
  checkFriends: Store['checkFriends'] = this.forward('checkFriends');
  updateFriend: Store['updateFriend'] = this.forward('updateFriend');
  getFriendApplications: Store['getFriendApplications'] = this.forward('getFriendApplications');
  acceptFriendApplication: Store['acceptFriendApplication'] = this.forward('acceptFriendApplication');
  refuseFriendApplication: Store['refuseFriendApplication'] = this.forward('refuseFriendApplication');
  deleteFriendApplication: Store['deleteFriendApplication'] = this.forward('deleteFriendApplication');
  setFriendApplicationsRead: Store['setFriendApplicationsRead'] = this.forward('setFriendApplicationsRead');
  addToBlacklist: Store['addToBlacklist'] = this.forward('addToBlacklist');
  removeFromBlacklist: Store['removeFromBlacklist'] = this.forward('removeFromBlacklist');
  getBlacklist: Store['getBlacklist'] = this.forward('getBlacklist');
  enableTopics: Store['enableTopics'] = this.forward('enableTopics');
  supportsTopics: Store['supportsTopics'] = this.forward('supportsTopics');
  createTopic: Store['createTopic'] = this.forward('createTopic');
  updateTopic: Store['updateTopic'] = this.forward('updateTopic');
  deleteTopics: Store['deleteTopics'] = this.forward('deleteTopics');
  getTopics: Store['getTopics'] = this.forward('getTopics');
  getTopic: Store['getTopic'] = this.forward('getTopic');
  getFriendGroups: Store['getFriendGroups'] = this.forward('getFriendGroups');
  createFriendGroup: Store['createFriendGroup'] = this.forward('createFriendGroup');
  changeFriendGroup: Store['changeFriendGroup'] = this.forward('changeFriendGroup');
  deleteFriendGroup: Store['deleteFriendGroup'] = this.forward('deleteFriendGroup');
  renameFriendGroup: Store['renameFriendGroup'] = this.forward('renameFriendGroup');

  async close(): Promise<void> {
    await this.call('close', []);
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private forward<M extends StoreMethod>(method: M): Store[M] {
    return ((...args: unknown[]) => this.call(method, args)) as Store[M];
  }

  private call(method: keyof Store, args: unknown[]): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextID++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, args } satisfies StoreCall);
    });
  }

  private settle(reply: StoreReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (reply.ok) waiting.resolve(decodeResult(reply.result));
    else if (reply.code !== undefined) waiting.reject(new ChatError(reply.code, reply.message));
    else waiting.reject(Object.assign(new Error(reply.message), { stack: reply.stack }));
  }

  private failAll(error: Error): void {
    this.failure = error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
