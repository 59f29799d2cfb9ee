import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RawClient } from '../helpers/raw-client';
import { ServerProcess, TEST_SDKAPPID, TEST_SECRET_KEY } from '../helpers/server-process';

const BIN = resolve(__dirname, '../../bin/tidings.js');

/** `tidings start` that is expected to stop at start: its exit status and everything it printed. */
function failedStart(env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [BIN, 'start'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOST: '127.0.0.1',
          TIDINGS_SECRET_KEY: TEST_SECRET_KEY,
          LOG_LEVEL: 'warn',
          ...env,
        },
        timeout: 20_000,
      },
      (_error, stdout, stderr) => done({ status: child.exitCode, output: `${stdout}${stderr}` }),
    );
  });
}

describe('one server per data folder, and a clear word when the port is taken', () => {
  test("a second server on a running server's data folder stops at start and names the first; the first keeps serving", async () => {
    const first = await ServerProcess.start();
    try {
      const second = await failedStart({ PORT: '0', TIDINGS_DATA: first.dataDir });
      expect(second.status).toBe(1);
      expect(second.output).toMatch(/the data folder .* is in use by another Tidings server \(process \d+\)/);
      expect(second.output).not.toMatch(/\n\s+at /); // a message, not a stack trace
      const client = await RawClient.login(first.socketURL, TEST_SDKAPPID, 'alice', first.userSig('alice'));
      client.close();
    } finally {
      await first.close();
    }
  });

  test('a server killed without shutting down leaves a lock that the next start takes over', async () => {
    const server = await ServerProcess.start();
    try {
      expect(existsSync(join(server.dataDir, 'tidings.lock'))).toBe(true);
      await server.kill();
      expect(existsSync(join(server.dataDir, 'tidings.lock'))).toBe(true);
      await server.restart();
      const client = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'alice', server.userSig('alice'));
      client.close();
    } finally {
      await server.close({ keepData: true });
    }
    expect(existsSync(join(server.dataDir, 'tidings.lock'))).toBe(false);
    rmSync(server.dataDir, { recursive: true, force: true });
  });

  test('a taken port stops the start with a message, and leaves the data folder unlocked', async () => {
    const taken: Server = await new Promise((done) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => done(server));
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'tidings-port-'));
    try {
      const port = (taken.address() as { port: number }).port;
      const { status, output } = await failedStart({ PORT: String(port), TIDINGS_DATA: dataDir });
      expect(status).toBe(1);
      expect(output).toContain(`port ${port} is already in use`);
      expect(output).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dataDir, 'tidings.lock'))).toBe(false);
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
