import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { RawClient } from '../helpers/raw-client';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';

const BIN = resolve(__dirname, '../../bin/tidings.js');

function tidings(args: string[], env: Record<string, string>): { stdout: string; status: number } {
  try {
    return {
      stdout: execFileSync(process.execPath, [BIN, ...args], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
        stdio: 'pipe',
      }),
      status: 0,
    };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; status: number };
    return { stdout: failed.stdout + failed.stderr, status: failed.status };
  }
}

describe('the tidings command', () => {
  test('a first start makes a secret key, says how to get a userSig, and `tidings usersig` makes one that logs in', async () => {
    const server = await ServerProcess.start({ generatedKey: true });
    try {
      expect(server.output).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
      expect(server.output).toMatch(/a new secret key was made/);
      expect(server.output).toMatch(/npx tidings usersig <userID>/);

      const { stdout, status } = tidings(['usersig', 'alice'], {
        TIDINGS_DATA: server.dataDir,
        TIDINGS_SDKAPPID: String(TEST_SDKAPPID),
      });
      expect(status).toBe(0);
      const client = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'alice', stdout.trim());
      client.close();

      await server.restart();
      expect(server.output).not.toMatch(/a new secret key was made/);
      const again = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'alice', stdout.trim());
      again.close();
    } finally {
      await server.close();
    }
  });

  test('usage errors say what to type', () => {
    expect(tidings(['usersig'], { TIDINGS_SECRET_KEY: 'k' })).toMatchObject({
      status: 2,
      stdout: expect.stringMatching(/tidings usersig <userID>/),
    });
    expect(tidings(['frobnicate'], {})).toMatchObject({ status: 2, stdout: expect.stringMatching(/Usage/) });
  });

  test('a bad setting stops the start with a message naming it', () => {
    const { stdout, status } = tidings(['start'], { PORT: 'eighty', TIDINGS_SECRET_KEY: 'k' });
    expect(status).toBe(1);
    expect(stdout).toMatch(/PORT must be a whole number/);
  });
});
