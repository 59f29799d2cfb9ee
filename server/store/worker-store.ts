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

  commitMessages = this.forward('commitMessages');
  recipientsOf = this.forward('recipientsOf');
  getMessageList = this.forward('getMessageList');
  getConversationList = this.forward('getConversationList');
  setMessageRead = this.forward('setMessageRead');
  getMessage = this.forward('getMessage');
  createGroup = this.forward('createGroup');
  getGroup = this.forward('getGroup');
  getGroupMembers = this.forward('getGroupMembers');
  getGroupList = this.forward('getGroupList');
  addGroupMembers = this.forward('addGroupMembers');
  removeGroupMembers = this.forward('removeGroupMembers');
  deleteGroup = this.forward('deleteGroup');
  addReadReceipts = this.forward('addReadReceipts');
  countReadReceipts = this.forward('countReadReceipts');
  setExtensions = this.forward('setExtensions');
  getExtensions = this.forward('getExtensions');
  deleteExtensions = this.forward('deleteExtensions');
  replaceMessage = this.forward('replaceMessage');
  hideMessages = this.forward('hideMessages');
  getMessageListHopping = this.forward('getMessageListHopping');
  addReaction = this.forward('addReaction');
  removeReaction = this.forward('removeReaction');
  getReactions = this.forward('getReactions');
  getReactionUsers = this.forward('getReactionUsers');
  searchMessages = this.forward('searchMessages');
  getProfile = this.forward('getProfile');
  getProfiles = this.forward('getProfiles');
  updateProfile = this.forward('updateProfile');
  deleteConversations = this.forward('deleteConversations');
  clearHistory = this.forward('clearHistory');
  setPinned = this.forward('setPinned');
  setMark = this.forward('setMark');
  setDraft = this.forward('setDraft');
  setCustomData = this.forward('setCustomData');
  setRemindType = this.forward('setRemindType');
  readAll = this.forward('readAll');
  mutedAmong = this.forward('mutedAmong');
  conversationGroups = this.forward('conversationGroups');
  createConversationGroup = this.forward('createConversationGroup');
  deleteConversationGroup = this.forward('deleteConversationGroup');
  renameConversationGroup = this.forward('renameConversationGroup');
  addToConversationGroup = this.forward('addToConversationGroup');
  removeFromConversationGroup = this.forward('removeFromConversationGroup');
  updateGroupProfile = this.forward('updateGroupProfile');
  updateGroupMember = this.forward('updateGroupMember');
  changeGroupOwner = this.forward('changeGroupOwner');
  getGroupMemberProfiles = this.forward('getGroupMemberProfiles');
  addGroupApplication = this.forward('addGroupApplication');
  getGroupApplications = this.forward('getGroupApplications');
  takeGroupApplication = this.forward('takeGroupApplication');
  getGroupAttributes = this.forward('getGroupAttributes');
  writeGroupAttributes = this.forward('writeGroupAttributes');
  getGroupCounters = this.forward('getGroupCounters');
  writeGroupCounters = this.forward('writeGroupCounters');
  addFriend = this.forward('addFriend');
  deleteFriends = this.forward('deleteFriends');
  getFriendList = this.forward('getFriendList');
  getFriendProfiles = this.forward('getFriendProfiles');
  checkFriends = this.forward('checkFriends');
  updateFriend = this.forward('updateFriend');
  getFriendApplications = this.forward('getFriendApplications');
  acceptFriendApplication = this.forward('acceptFriendApplication');
  refuseFriendApplication = this.forward('refuseFriendApplication');
  deleteFriendApplication = this.forward('deleteFriendApplication');
  setFriendApplicationsRead = this.forward('setFriendApplicationsRead');
  addToBlacklist = this.forward('addToBlacklist');
  removeFromBlacklist = this.forward('removeFromBlacklist');
  getBlacklist = this.forward('getBlacklist');
  enableTopics = this.forward('enableTopics');
  supportsTopics = this.forward('supportsTopics');
  createTopic = this.forward('createTopic');
  updateTopic = this.forward('updateTopic');
  deleteTopics = this.forward('deleteTopics');
  getTopics = this.forward('getTopics');
  getTopic = this.forward('getTopic');
  getFriendGroups = this.forward('getFriendGroups');
  createFriendGroup = this.forward('createFriendGroup');
  changeFriendGroup = this.forward('changeFriendGroup');
  deleteFriendGroup = this.forward('deleteFriendGroup');
  renameFriendGroup = this.forward('renameFriendGroup');

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
