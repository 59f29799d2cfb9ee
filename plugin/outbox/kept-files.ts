/**
 * Copies that the platform keeps (`keepFile`) of the files of persisted messages that have no path,
 * such as a browser's File, so their uploads can resume after a restart. By message ID.
 */
import type { FileDescriptor, PlatformFiles } from '../platform';
import type { PendingFiles } from '../factories/files';
import type { PendingMerger } from '../factories/merger';
import type { KeptPaths } from './stored';

export class KeptFileCopies {
  private readonly paths = new Map<string, KeptPaths>();

  constructor(
    private readonly files: PlatformFiles,
    private readonly warn: (text: string, error: unknown) => void,
  ) {}

  get(messageID: string): KeptPaths | undefined {
    return this.paths.get(messageID);
  }

  /** Records the copies of a waiting message's files (kept now, or restored from storage). */
  record(messageID: string, kept: KeptPaths): void {
    if (kept.file !== undefined || kept.thumb !== undefined) this.paths.set(messageID, kept);
  }

  /** Asks the platform to keep the upload's files that have no path; null when it kept none. */
  async keep(
    messageID: string,
    upload: { pending: PendingFiles | PendingMerger } | undefined,
  ): Promise<KeptPaths | null> {
    if (!upload || !this.files.keepFile || this.paths.has(messageID)) return null;
    const thumb = 'thumb' in upload.pending ? upload.pending.thumb : undefined;
    const kept: KeptPaths = {};
    try {
      const file = await this.keepOne(upload.pending.file);
      if (file !== undefined) kept.file = file;
      const keptThumb = thumb && (await this.keepOne(thumb));
      if (keptThumb) kept.thumb = keptThumb;
    } catch (error) {
      this.warn('could not keep a file for the outbox', error);
    }
    return kept.file !== undefined || kept.thumb !== undefined ? kept : null;
  }

  /** The message left the outbox: its copies are dropped. */
  release(messageID: string): void {
    const kept = this.paths.get(messageID);
    this.paths.delete(messageID);
    if (kept) this.drop(kept);
  }

  /** Copies that nothing stored refers to. */
  drop(kept: KeptPaths): void {
    for (const path of [kept.file, kept.thumb])
      if (path !== undefined)
        this.files.releaseFile?.(path).catch((error: unknown) => this.warn('could not drop a kept file', error));
  }

  /** Logged out: the copies stay for the stored outbox of the next login. */
  forgetAll(): void {
    this.paths.clear();
  }

  private async keepOne(file: FileDescriptor): Promise<string | undefined> {
    if (file.source.kind === 'path') return undefined;
    return (await this.files.keepFile?.(file)) ?? undefined;
  }
}
