/**
 * Uploads under way (tus), shared by every node: the upload, its offset, the pieces that hold its
 * bytes (object names in the bucket), and the PATCH lease (`lease`, `lease_until`, on the
 * database's clock so nodes' clocks need not agree). A row goes when the upload finishes or is
 * terminated. See server/files/pg-upload-states.ts.
 */
export const UPLOAD_TABLES: readonly string[] = [
  `CREATE TABLE tidings_uploads (
     key TEXT PRIMARY KEY,
     app BIGINT NOT NULL,
     owner TEXT NOT NULL,
     kind TEXT NOT NULL,
     name TEXT NOT NULL,
     mime TEXT NOT NULL,
     length BIGINT NOT NULL,
     created_at BIGINT NOT NULL,
     upload_offset BIGINT NOT NULL DEFAULT 0,
     pieces TEXT[] NOT NULL DEFAULT '{}',
     lease TEXT,
     lease_until TIMESTAMPTZ
   )`,
];
