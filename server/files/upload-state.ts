import type { Readable } from 'node:stream';
import type { UploadKind } from '../../protocol/upload-rules';

/** What an upload under way is: fixed when it is created. */
export interface UploadInfo {
  key: string;
  app: number;
  owner: string;
  kind: UploadKind;
  name: string;
  mime: string;
  length: number;
  createdAt: number;
}

/** An upload under way and how far it got: `offset` bytes are kept, in `pieces` (as the bytes store named them). */
export interface UploadRecord extends UploadInfo {
  offset: number;
  pieces: readonly string[];
}

/** Keys of uploads under way: 32 hex digits, so no key can name anything outside the upload's own place. */
export const UPLOAD_KEY = /^[0-9a-f]{32}$/;

/**
 * Uploads under way, and who may write to each. A PATCH takes a lease first: while it is held no
 * other PATCH may run on the upload (tus answers 423), on this node or any other. A lease that is
 * not renewed runs out, so a node that died mid-PATCH blocks the upload only until then.
 */
export interface UploadStates {
  create(upload: UploadInfo): Promise<void>;
  /** Null for an unknown key. */
  get(key: string): Promise<UploadRecord | null>;
  /** A new lease of `leaseMs` and the upload as it stands; null when another lease is held and not run out, or the upload is gone. */
  lock(key: string, leaseMs: number): Promise<{ lease: string; upload: UploadRecord } | null>;
  /** Extends a lease still held by `lease`; false when it was lost. */
  renew(key: string, lease: string, leaseMs: number): Promise<boolean>;
  /** Records bytes written under `lease`: the new offset and the pieces that hold them. False when the lease was lost. */
  advance(key: string, lease: string, offset: number, pieces: readonly string[]): Promise<boolean>;
  unlock(key: string, lease: string): Promise<void>;
  /** Forgets the upload: it finished (its file is in the FileStore) or was terminated. */
  remove(key: string): Promise<void>;
}

/** The bytes of uploads under way. */
export interface UploadBytes {
  /**
   * Keeps the body as the bytes from `offset` on, dropping anything kept past `offset` before.
   * Bytes that arrived before a cut connection are kept. Null when the body held more than `room`
   * bytes: then none of it is kept. `pieces` name where the new bytes are, for `whole`.
   */
  append(
    key: string,
    offset: number,
    body: Readable,
    room: number,
  ): Promise<{ written: number; pieces: string[] } | null>;
  /** All the bytes, in order: a local file the caller takes over (moves or removes), or a stream of them. */
  whole(key: string, pieces: readonly string[]): Promise<string | Readable>;
  /** Everything kept for the upload, including pieces no state refers to (a dead node's). */
  discard(key: string): Promise<void>;
}
