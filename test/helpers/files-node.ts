import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createSharedFileService } from '../../server/files/shared-files';
import type { FileService } from '../../server/files/routes';
import type { S3Options } from '../../server/files/s3-bucket';
import { PgDatabase } from '../../server/store/pg/pg-database';

/** What one files node needs: the shared database and bucket, the app's secret key, its PATCH lease. */
export interface FilesNodeConfig {
  databaseURL: string;
  s3: S3Options;
  app: number;
  secretKey: string;
  leaseMs?: number;
  /** Default: a temp folder of its own, removed by close(). */
  scratchDir?: string;
}

export interface FilesNode {
  url: string;
  service: FileService;
  close(): Promise<void>;
}

/** One node of a deployment as far as files go: `/files` over HTTP, on a free port, with its own pool. */
export async function startFilesNode(config: FilesNodeConfig): Promise<FilesNode> {
  const db = new PgDatabase({ connectionString: config.databaseURL, maxConnections: 4 });
  const scratchDir = config.scratchDir ?? mkdtempSync(join(tmpdir(), 'tidings-test-scratch-'));
  const service = await createSharedFileService({
    s3: config.s3,
    db,
    secretKeys: new Map([[config.app, config.secretKey]]),
    log: pino({ level: 'silent' }),
    leaseMs: config.leaseMs,
    scratchDir,
  });
  const server = createServer((request, response) => {
    if (!service.handle(request, response)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    service,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.close();
      if (!config.scratchDir) rmSync(scratchDir, { recursive: true, force: true });
    },
  };
}

// Run as a process (`tsx test/helpers/files-node.ts`), so a test can kill a node outright: the
// config comes as JSON in TIDINGS_FILES_NODE, S3 credentials from the standard AWS variables.
if (require.main === module) {
  const config = JSON.parse(process.env.TIDINGS_FILES_NODE ?? '') as FilesNodeConfig;
  void startFilesNode(config).then((node) => process.stdout.write(`listening ${node.url}\n`));
}
