/**
 * The outbox as kept in `platform.storage`: one JSON value per SDKAppID + userID, holding the
 * messages that wait for the connection, in the order they were given to sendMessage.
 */
import type { FileDescriptor, PlatformStorage } from '../platform';
import type { PendingFiles } from '../factories/files';
import type { PendingMerger } from '../factories/merger';
import { Message } from '../message';
import type { WireMessageDraft } from '../../protocol/messages';
import { OUTBOX_MAX_BYTES, OUTBOX_MAX_MESSAGES } from '../../protocol/limits';
import type { UploadKind } from '../../protocol/upload-rules';
import type { SendMessageOptions } from '../types';

const FORMAT_VERSION = 1;

/** A file the upload reads; `path` only where the platform can read it again after a restart. */
export interface StoredFile {
  name: string;
  size: number;
  type: string;
  path?: string;
  /** `path` is the platform's own copy (`keepFile`), released when the message leaves the outbox. */
  kept?: true;
}

/** The paths `platform.keepFile` gave for a message's file and thumbnail. */
export interface KeptPaths {
  file?: string;
  thumb?: string;
}

export interface StoredUpload {
  kind: UploadKind;
  file: StoredFile;
  thumb?: StoredFile;
  /** The tus upload's address once created: a restart continues from the server's offset. */
  url: string;
}

export interface StoredEntry {
  message: WireMessageDraft & { from: string; time: number };
  options?: SendMessageOptions;
  upload?: StoredUpload;
}

interface StoredOutbox {
  v: number;
  entries: readonly StoredEntry[];
}

export function storageKey(SDKAppID: number, userID: string): string {
  return `tidings:outbox:${SDKAppID}:${userID}`;
}

export function toStoredEntry(
  message: Message,
  options: SendMessageOptions | undefined,
  upload: { pending: PendingFiles | PendingMerger; url: string } | undefined,
  kept: KeptPaths = {},
): StoredEntry {
  const entry: StoredEntry = { message: { ...message.toDraft(), from: message.from, time: message.time } };
  if (options !== undefined) entry.options = options;
  if (upload) {
    const thumb = 'thumb' in upload.pending ? upload.pending.thumb : undefined;
    entry.upload = { kind: upload.pending.kind, file: storedFile(upload.pending.file, kept.file), url: upload.url };
    if (thumb && !message.payload.thumbUUID) entry.upload.thumb = storedFile(thumb, kept.thumb);
  }
  return entry;
}

function storedFile(file: FileDescriptor, keptPath: string | undefined): StoredFile {
  const stored: StoredFile = { name: file.name, size: file.size, type: file.type };
  if (keptPath !== undefined) Object.assign(stored, { path: keptPath, kept: true });
  else if (file.source.kind === 'path') stored.path = file.source.path;
  return stored;
}

/** The kept copies a stored upload refers to. */
export function keptPathsOf(upload: StoredUpload | undefined): KeptPaths {
  const kept: KeptPaths = {};
  if (upload?.file.kept && upload.file.path) kept.file = upload.file.path;
  if (upload?.thumb?.kept && upload.thumb.path) kept.thumb = upload.thumb.path;
  return kept;
}

/** The descriptor of a stored file, or null when its bytes were not kept (a Blob the platform could not keep, bytes in memory). */
export function fileOf(stored: StoredFile): FileDescriptor | null {
  if (stored.path === undefined) return null;
  return { name: stored.name, size: stored.size, type: stored.type, source: { kind: 'path', path: stored.path } };
}

export function messageOf(entry: StoredEntry): Message {
  const draft = entry.message;
  const message = new Message({ ...draft, flow: 'out', status: 'unSend' });
  if (draft.atUserList) message.atUserList = [...draft.atUserList];
  return message;
}

/** Why `entries` cannot be stored (count or bytes past the bound), or null when they can; `text` is the stored form. */
export function encode(entries: readonly StoredEntry[]): { text: string; overBy: string | null } {
  const text = JSON.stringify({ v: FORMAT_VERSION, entries } satisfies StoredOutbox);
  // Twice the UTF-16 length bounds the UTF-8 bytes and what wx counts.
  const bytes = text.length * 2;
  if (entries.length > OUTBOX_MAX_MESSAGES)
    return { text, overBy: `more than ${OUTBOX_MAX_MESSAGES} messages would be waiting` };
  if (bytes > OUTBOX_MAX_BYTES)
    return { text, overBy: `the waiting messages would take over ${OUTBOX_MAX_BYTES} bytes` };
  return { text, overBy: null };
}

export async function load(storage: PlatformStorage, key: string): Promise<StoredEntry[]> {
  const text = await storage.getItem(key);
  if (!text) return [];
  try {
    const stored = JSON.parse(text) as { v?: unknown; entries?: unknown };
    if (stored.v !== FORMAT_VERSION || !Array.isArray(stored.entries)) return [];
    const entries = stored.entries as Array<Partial<StoredEntry> | null>;
    return entries.filter((entry): entry is StoredEntry => typeof entry?.message?.ID === 'string');
  } catch {
    return [];
  }
}
