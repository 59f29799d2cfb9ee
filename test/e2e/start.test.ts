import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import TencentCloudChat from 'tidings';
import { DEV_WARNING } from '../../server/dev-usersig';
import { nextEvent } from '../helpers/sdk';

/** `npm start` as a newcomer runs it: builds what is stale, serves the demo and the server on one port in dev mode. */
const ROOT = resolve(__dirname, '../..');

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function withoutTidingsSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith('TIDINGS_') && name !== 'PORT' && name !== 'HOST'),
  );
}

function npmStart(dataDir: string): Promise<Started> {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: {
      ...withoutTidingsSettings(process.env),
      PORT: '0',
      HOST: '127.0.0.1',
      TIDINGS_DATA: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: npm does not pass SIGTERM on to the script, so stop() signals the whole group.
    detached: true,
  });
  let output = '';
  return new Promise((resolveStarted, rejectStarted) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      // The address comes on stdout, the dev-mode warning after it on stderr: another pipe, so it may arrive later.
      if (match && output.includes(DEV_WARNING)) resolveStarted({ child, url: match[1], output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      rejectStarted(new Error(`npm start exited with ${code} before listening:\n${output}`)),
    );
  });
}

/** Stops npm, tsx, the start script and the server, as Ctrl-C in a terminal does (it signals the group). */
async function stop({ child }: Started): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise((done) => child.once('close', done));
  process.kill(-child.pid!, 'SIGTERM');
  await closed;
}

async function loggedIn(url: string, userID: string) {
  const { userSig, SDKAppID } = (await (await fetch(`${url}/dev/usersig?userID=${userID}`)).json()) as {
    userSig: string;
    SDKAppID: number;
  };
  const chat = TencentCloudChat.create({ SDKAppID, serverURL: url });
  const ready = nextEvent(chat, TencentCloudChat.EVENT.SDK_READY);
  await chat.login({ userID, userSig });
  await ready;
  return chat;
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tidings-start-'));
  let running: Started | undefined;

  afterAll(async () => {
    if (running) await stop(running);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('prints the address and serves the demo, dev userSigs and the chat on that one port', async () => {
    running = await npmStart(dataDir);
    expect(running.output()).toMatch(/dev mode: test userSigs for anyone, never in production/);
    const page = await fetch(`${running.url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toMatch(/<title>Tidings demo<\/title>/);
    const alice = await loggedIn(running.url, 'alice');
    await alice.sendMessage(
      alice.createTextMessage({
        to: 'bob',
        conversationType: TencentCloudChat.TYPES.CONV_C2C,
        payload: { text: 'kept across restarts' },
      }),
    );
    await alice.destroy();
  }, 120_000);

  test('stops on SIGTERM, and a second start on the same data still has the history', async () => {
    const { url } = running!;
    await stop(running!);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    running = await npmStart(dataDir);
    expect(running.output()).not.toMatch(/a new secret key was made/);
    const bob = await loggedIn(running.url, 'bob');
    const { data } = await bob.getMessageList({ conversationID: 'C2Calice' });
    expect(data.messageList.map((message) => message.payload.text)).toEqual(['kept across restarts']);
    await bob.destroy();
  }, 120_000);
});
