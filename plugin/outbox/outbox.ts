/**
 * The outbox: every message given to sendMessage waits here until the server acknowledges it.
 * Each conversation's messages go out one at a time, in order, when the connection is up; a
 * message that had to wait is kept in `platform.storage` so it goes out after an app restart.
 */
import type { PlatformFiles, PlatformStorage } from '../platform';
import { TYPES } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { GROUP_SEND_PER_SECOND } from '../../protocol/limits';
import { uploadFailedCode } from '../../protocol/upload-rules';
import type { Message } from '../message';
import { failedSend } from '../send';
import type { SendMessageOptions } from '../types';
import type { FileTransfers } from '../upload/transfers';
import { KeptFileCopies } from './kept-files';
import { GroupPacer } from './pacer';
import { encode, fileOf, keptPathsOf, load, messageOf, toStoredEntry, type StoredEntry } from './stored';

/** A retryable failure while the socket still looks up (a request timed out, an upload was cut off) is tried again after this. */
const RETRY_DELAY_MS = 1000;

const RETRYABLE_CODES: ReadonlySet<number> = new Set([
  ErrorCode.NETWORK_ERROR,
  ErrorCode.NETWORK_TIMEOUT,
  ErrorCode.NO_NETWORK,
  ErrorCode.SERVER_BUSY,
]);

/** A stored kind of group message answered with sequence 0: the reference's 40/s limit dropped it (answered success). */
function droppedByGroupLimit({ message, options }: Entry): boolean {
  return message.conversationType === TYPES.CONV_GROUP && message.sequence === 0 && options?.onlineUserOnly !== true;
}

export interface OutboxDeps {
  /** Uploads and sends one message, updating it in place; rejects with what went wrong. */
  send(
    message: Message,
    options: SendMessageOptions | undefined,
    onProgress: (fraction: number) => void,
  ): Promise<void>;
  /** Logged in and the socket is up. */
  isConnected(): boolean;
  statusChanged(message: Message, progress?: number): void;
  /** The outcome of a message restored after a restart; `error` null when it was sent. */
  restoredResult(message: Message, error: ChatError | null): void;
  storage: PlatformStorage;
  files: PlatformFiles;
  transfers: FileTransfers;
  sendTimeoutMs: number;
  warn(text: string, error: unknown): void;
}

type EntryState = 'waiting' | 'sending' | 'failed';

interface Entry {
  message: Message;
  options: SendMessageOptions | undefined;
  state: EntryState;
  /** Kept in storage: it had to wait for the connection. */
  persisted: boolean;
  /** Came from storage after a restart: its outcome goes to MESSAGE_SEND_RESULT. */
  restored: boolean;
  /** The send timeout passed while an attempt was under way. */
  expired: boolean;
  timer?: ReturnType<typeof setTimeout>;
  done: Promise<void>;
  resolve(): void;
  reject(error: ChatError): void;
}

export class Outbox {
  private readonly queues = new Map<string, Entry[]>();
  private readonly pumping = new Set<string>();
  private readonly retryTimers = new Set<ReturnType<typeof setTimeout>>();
  private readonly pacer = new GroupPacer(GROUP_SEND_PER_SECOND);
  /** Restored file messages whose file could not be read, failed by start(). */
  private readonly lostFiles = new Map<string, ChatError>();
  private readonly keptFiles: KeptFileCopies;
  private storageKey: string | null = null;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly deps: OutboxDeps) {
    this.keptFiles = new KeptFileCopies(deps.files, (text, error) => deps.warn(text, error));
  }

  /** Loads what a previous run of this user left waiting; `start()` then announces and sends it. */
  async open(storageKey: string): Promise<void> {
    this.storageKey = storageKey;
    for (const stored of await load(this.deps.storage, storageKey)) {
      const message = messageOf(stored);
      const entry = this.newEntry(message, stored.options, { persisted: true, restored: true });
      this.keptFiles.record(message.ID, keptPathsOf(stored.upload));
      const lost = await this.restoreUpload(message, stored);
      if (lost) {
        // Kept out of the queue's sends; start() reports it.
        entry.state = 'failed';
        this.lostFiles.set(message.ID, lost);
      }
      this.queueOf(message.conversationID).push(entry);
    }
  }

  /** After SDK_READY: reports the restored messages, fails those whose file is gone, and sends the rest. */
  start(): void {
    for (const queue of this.queues.values())
      for (const entry of queue) {
        if (!entry.restored) continue;
        const lost = this.lostFiles.get(entry.message.ID);
        if (lost) {
          this.lostFiles.delete(entry.message.ID);
          this.fail(entry, lost);
        } else {
          this.deps.statusChanged(entry.message);
          this.armTimeout(entry);
        }
      }
    this.wake();
  }

  /** Queues `message` (or answers the wait of the same message already queued); resolves once the server has it. */
  submit(message: Message, options: SendMessageOptions | undefined): Promise<void> {
    const queue = this.queueOf(message.conversationID);
    const existing = queue.find((entry) => entry.message.ID === message.ID);
    if (existing && existing.state !== 'failed') return existing.done;
    if (existing) queue.splice(queue.indexOf(existing), 1);
    const entry = this.newEntry(message, options, { persisted: false, restored: false });
    message.status = 'unSend';
    queue.push(entry);
    if (!this.deps.isConnected() && !this.persist(entry)) return entry.done;
    this.deps.statusChanged(message);
    this.armTimeout(entry);
    void this.pump(message.conversationID);
    return entry.done;
  }

  /** This conversation's messages that are waiting or failed, oldest first: the end of its message list. */
  unsent(conversationID: string): Message[] {
    return (this.queues.get(conversationID) ?? []).map((entry) => entry.message);
  }

  /** The connection is up: each conversation sends what waits. */
  wake(): void {
    for (const conversationID of this.queues.keys()) void this.pump(conversationID);
  }

  /** Logged out: what waits stays in storage for this user's next login; the promises reject with 2999. */
  close(): void {
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    for (const queue of this.queues.values())
      for (const entry of queue) {
        clearTimeout(entry.timer);
        if (entry.state === 'failed') continue;
        entry.state = 'failed';
        const kept = entry.persisted ? ' It stays in the outbox and goes out at the next login of this user.' : '';
        entry.reject(
          failedSend(new ChatError(ErrorCode.SDK_NOT_READY, `Logged out before it was sent.${kept}`), entry.message),
        );
      }
    this.queues.clear();
    this.lostFiles.clear();
    this.keptFiles.forgetAll();
    this.storageKey = null;
  }

  private async pump(conversationID: string): Promise<void> {
    if (this.pumping.has(conversationID)) return;
    this.pumping.add(conversationID);
    try {
      for (;;) {
        const entry = this.queues.get(conversationID)?.find((candidate) => candidate.state === 'waiting');
        if (!entry || !this.deps.isConnected()) return;
        if (entry.message.conversationType === TYPES.CONV_GROUP) await this.pace(conversationID);
        if (entry.state !== 'waiting' || !this.deps.isConnected()) continue;
        if (!(await this.attempt(entry))) return;
      }
    } finally {
      this.pumping.delete(conversationID);
    }
  }

  /** One try at sending `entry`; false when it must wait (the connection dropped). */
  private async attempt(entry: Entry): Promise<boolean> {
    entry.state = 'sending';
    try {
      await this.deps.send(entry.message, entry.options, (progress) =>
        this.deps.statusChanged(entry.message, progress),
      );
    } catch (error) {
      if (entry.state !== 'sending') return true;
      entry.state = 'waiting';
      if (!this.isRetryable(error)) return (this.fail(entry, error), true);
      entry.message.status = 'unSend';
      if (entry.expired) return (this.fail(entry, this.timeoutError()), true);
      if (!entry.persisted && !this.persist(entry)) return true;
      this.save();
      if (this.deps.isConnected()) this.retryLater(entry.message.conversationID);
      return false;
    }
    if (entry.state !== 'sending') return true;
    if (droppedByGroupLimit(entry)) {
      // The group's budget was spent by other senders: the server answered success but kept nothing. Same ID, later.
      entry.state = 'waiting';
      entry.message.status = 'unSend';
      if (entry.expired) return (this.fail(entry, this.timeoutError()), true);
      this.retryLater(entry.message.conversationID);
      return false;
    }
    this.succeed(entry);
    return true;
  }

  private async pace(conversationID: string): Promise<void> {
    const delay = this.pacer.delayFor(conversationID);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    this.pacer.record(conversationID);
  }

  private retryLater(conversationID: string): void {
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      void this.pump(conversationID);
    }, RETRY_DELAY_MS);
    this.retryTimers.add(timer);
  }

  private isRetryable(error: unknown): boolean {
    if (!(error instanceof ChatError)) return false;
    if (RETRYABLE_CODES.has(error.code)) return true;
    const cutOff = (error.data as { cutOff?: unknown } | undefined)?.cutOff === true;
    return cutOff || !this.deps.isConnected();
  }

  private succeed(entry: Entry): void {
    this.remove(entry);
    this.keptFiles.release(entry.message.ID);
    entry.message.status = 'success';
    this.deps.statusChanged(entry.message);
    if (entry.restored) this.deps.restoredResult(entry.message, null);
    entry.resolve();
  }

  private fail(entry: Entry, error: unknown): void {
    clearTimeout(entry.timer);
    const wasPersisted = entry.persisted;
    entry.state = 'failed';
    entry.persisted = false;
    entry.message.status = 'fail';
    this.keptFiles.release(entry.message.ID);
    if (wasPersisted) this.save();
    const rejection = failedSend(error, entry.message);
    this.deps.statusChanged(entry.message);
    if (entry.restored) this.deps.restoredResult(entry.message, rejection);
    entry.reject(rejection);
  }

  private remove(entry: Entry): void {
    clearTimeout(entry.timer);
    const queue = this.queues.get(entry.message.conversationID) ?? [];
    if (queue.includes(entry)) queue.splice(queue.indexOf(entry), 1);
    if (queue.length === 0) this.queues.delete(entry.message.conversationID);
    if (entry.persisted) this.save();
  }

  /** Marks `entry` as kept in storage, or fails it with 90015 when the outbox is full; false when it failed. */
  private persist(entry: Entry): boolean {
    const stored = [...this.storedEntries(), this.toStored(entry)];
    const { overBy } = encode(stored);
    if (overBy) {
      this.fail(
        entry,
        new ChatError(
          ErrorCode.OUTBOX_FULL,
          `The outbox is full (${overBy}), so this message cannot wait for the connection; send it again once connected.`,
        ),
      );
      return false;
    }
    entry.persisted = true;
    this.save();
    void this.keepFiles(entry);
    return true;
  }

  /** Has the platform keep the files of a persisted message that have no path, and saves their paths. */
  private async keepFiles(entry: Entry): Promise<void> {
    const key = this.storageKey;
    const { ID, conversationID } = entry.message;
    const kept = await this.keptFiles.keep(ID, this.deps.transfers.resumable(ID));
    if (!kept) return;
    const stillWaiting = entry.persisted && this.queues.get(conversationID)?.includes(entry) === true;
    if (this.storageKey === key && stillWaiting) {
      this.keptFiles.record(ID, kept);
      this.save();
    } else {
      // Sent, failed or logged out while the copy was made: nothing stored refers to it.
      this.keptFiles.drop(kept);
    }
  }

  private armTimeout(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.expired = false;
    entry.timer = setTimeout(() => {
      if (entry.state === 'sending') entry.expired = true;
      else if (entry.state === 'waiting') this.fail(entry, this.timeoutError());
    }, this.deps.sendTimeoutMs);
  }

  private timeoutError(): ChatError {
    return new ChatError(
      ErrorCode.NETWORK_TIMEOUT,
      `Not sent within sendTimeout (${this.deps.sendTimeoutMs} ms): the connection did not come back. resendMessage puts it back in the outbox.`,
    );
  }

  /** Writes the persisted entries; writes run one after another, each with the outbox as it is then. */
  private save(): void {
    const key = this.storageKey;
    if (!key) return;
    this.writes = this.writes
      .then(async () => {
        if (this.storageKey !== key) return;
        const entries = this.storedEntries();
        if (entries.length === 0) await this.deps.storage.removeItem(key);
        else await this.deps.storage.setItem(key, encode(entries).text);
      })
      .catch((error: unknown) => this.deps.warn('could not save the outbox', error));
  }

  private storedEntries(): StoredEntry[] {
    const entries: StoredEntry[] = [];
    for (const queue of this.queues.values())
      for (const entry of queue) if (entry.persisted && entry.state !== 'failed') entries.push(this.toStored(entry));
    return entries;
  }

  private toStored(entry: Entry): StoredEntry {
    const { ID } = entry.message;
    return toStoredEntry(entry.message, entry.options, this.deps.transfers.resumable(ID), this.keptFiles.get(ID));
  }

  /** Registers a restored file message's upload; answers the error when its file cannot be read any more. */
  private async restoreUpload(message: Message, stored: StoredEntry): Promise<ChatError | null> {
    const upload = stored.upload;
    if (!upload) return null;
    const gone = new ChatError(
      uploadFailedCode(upload.kind),
      `The file ${upload.file.name} of this message is gone: the picked temp file did not survive the app restart. Pick it again and send a new message.`,
    );
    const file = fileOf(upload.file);
    const thumb = upload.thumb && fileOf(upload.thumb);
    if (!file || thumb === null) return gone;
    try {
      if (file.size > 0) await this.deps.files.readFile(file, 0, 1);
    } catch {
      return gone;
    }
    const pending = upload.kind === 'merger' ? { kind: upload.kind, file } : { kind: upload.kind, file, thumb };
    this.deps.transfers.restore(message.ID, pending, upload.url || undefined);
    return null;
  }

  private newEntry(
    message: Message,
    options: SendMessageOptions | undefined,
    flags: { persisted: boolean; restored: boolean },
  ): Entry {
    let resolve: () => void = () => undefined;
    let reject: (error: ChatError) => void = () => undefined;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    if (flags.restored) done.catch(() => undefined);
    return { message, options, state: 'waiting', expired: false, done, resolve, reject, ...flags };
  }

  private queueOf(conversationID: string): Entry[] {
    let queue = this.queues.get(conversationID);
    if (!queue) this.queues.set(conversationID, (queue = []));
    return queue;
  }
}
