import { randomUUID } from 'node:crypto';
import type { UploadKind } from '../../protocol/upload-rules';
import type { PgDatabase } from '../store/pg/pg-database';
import { UPLOAD_KEY, type UploadInfo, type UploadRecord, type UploadStates } from './upload-state';

interface UploadRow {
  key: string;
  app: number;
  owner: string;
  kind: string;
  name: string;
  mime: string;
  length: number;
  created_at: number;
  upload_offset: number;
  pieces: string[];
}

const COLUMNS = 'key, app, owner, kind, name, mime, length, created_at, upload_offset, pieces';

function record(row: UploadRow): UploadRecord {
  return {
    key: row.key,
    app: row.app,
    owner: row.owner,
    kind: row.kind as UploadKind,
    name: row.name,
    mime: row.mime,
    length: row.length,
    createdAt: row.created_at,
    offset: row.upload_offset,
    pieces: row.pieces,
  };
}

/**
 * Uploads under way in PostgreSQL (table `tidings_uploads`, pg-uploads-schema.ts), so every node
 * sees each upload and its lease. Each step is one statement: the lease is taken, renewed and
 * checked by the UPDATE's own WHERE, so two nodes cannot both hold it.
 */
export class PgUploadStates implements UploadStates {
  constructor(private readonly db: PgDatabase) {}

  async create(upload: UploadInfo): Promise<void> {
    await this.db.query(
      `INSERT INTO tidings_uploads (key, app, owner, kind, name, mime, length, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [upload.key, upload.app, upload.owner, upload.kind, upload.name, upload.mime, upload.length, upload.createdAt],
    );
  }

  async get(key: string): Promise<UploadRecord | null> {
    if (!UPLOAD_KEY.test(key)) return null;
    const [row] = await this.db.query<UploadRow>(`SELECT ${COLUMNS} FROM tidings_uploads WHERE key = $1`, [key]);
    return row ? record(row) : null;
  }

  async lock(key: string, leaseMs: number): Promise<{ lease: string; upload: UploadRecord } | null> {
    const lease = randomUUID();
    const [row] = await this.db.query<UploadRow>(
      `UPDATE tidings_uploads SET lease = $2, lease_until = clock_timestamp() + $3 * interval '1 millisecond'
       WHERE key = $1 AND (lease IS NULL OR lease_until <= clock_timestamp())
       RETURNING ${COLUMNS}`,
      [key, lease, leaseMs],
    );
    return row ? { lease, upload: record(row) } : null;
  }

  async renew(key: string, lease: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE tidings_uploads SET lease_until = clock_timestamp() + $3 * interval '1 millisecond'
       WHERE key = $1 AND lease = $2 RETURNING key`,
      [key, lease, leaseMs],
    );
    return rows.length === 1;
  }

  async advance(key: string, lease: string, offset: number, pieces: readonly string[]): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE tidings_uploads SET upload_offset = $3, pieces = pieces || $4::text[]
       WHERE key = $1 AND lease = $2 RETURNING key`,
      [key, lease, offset, pieces],
    );
    return rows.length === 1;
  }

  async unlock(key: string, lease: string): Promise<void> {
    await this.db.query('UPDATE tidings_uploads SET lease = NULL, lease_until = NULL WHERE key = $1 AND lease = $2', [
      key,
      lease,
    ]);
  }

  async remove(key: string): Promise<void> {
    await this.db.query('DELETE FROM tidings_uploads WHERE key = $1', [key]);
  }
}
