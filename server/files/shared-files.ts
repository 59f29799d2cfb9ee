import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { PgDatabase } from '../store/pg/pg-database';
import { PgUploadStates } from './pg-upload-states';
import { fileServiceOf, type FileService } from './routes';
import { openBucket, type S3Options } from './s3-bucket';
import { S3FileStore } from './s3-file-store';
import { S3UploadBytes } from './s3-upload-bytes';
import { TusUploads } from './tus';

export interface SharedFilesOptions {
  /** Credentials come from the standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY unless given here. */
  s3: S3Options;
  /** Migrated first (`migrate(db, MIGRATIONS)`, as openPgStore does): uploads under way are in `tidings_uploads`. */
  db: PgDatabase;
  secretKeys: ReadonlyMap<number, string>;
  log: Logger;
  /** How long a PATCH holds its upload before it must renew; a dead node's PATCH blocks the upload this long. */
  leaseMs?: number;
  /** Where an image's bytes and renditions are for the moment they are made. Default: a new folder in the OS temp folder. */
  scratchDir?: string;
}

/**
 * Files for a node of many: finished files under `files/` in the bucket, uploads under way in
 * PostgreSQL with their bytes under `uploads/`, so any node can take any request. The node keeps
 * nothing on its disk but an image's bytes while its renditions are made.
 */
export async function createSharedFileService(options: SharedFilesOptions): Promise<FileService> {
  const bucket = openBucket(options.s3);
  const store = new S3FileStore(bucket);
  const uploads = new TusUploads({
    states: new PgUploadStates(options.db),
    bytes: new S3UploadBytes(bucket),
    store,
    scratchDir: options.scratchDir ?? (await mkdtemp(join(tmpdir(), 'tidings-scratch-'))),
    secretKeys: options.secretKeys,
    log: options.log,
    leaseMs: options.leaseMs,
  });
  return fileServiceOf(store, uploads, options.log);
}
