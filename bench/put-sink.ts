/**
 * The upload baseline: a bare HTTP server that writes each PUT body to a file in a temp folder
 * and answers 204. No auth, no protocol, no checks: the machine's raw limit for the same bytes.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

const dir = mkdtempSync(join(tmpdir(), 'tidings-put-sink-'));
let n = 0;
const server = createServer((request, response) => {
  const out = createWriteStream(join(dir, `upload-${++n}`));
  request.pipe(out);
  out.on('finish', () => response.writeHead(204).end());
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
const stop = () => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
