import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { genUserSig } from 'tidings/server';

export const APP_A = { SDKAppID: 1400000001, secretKey: 'key-of-app-a' };
export const APP_B = { SDKAppID: 1400000002, secretKey: 'key-of-app-b' };
export type TestApp = typeof APP_A;

const SERVER_ENTRY = resolve(__dirname, '../../dist/node/server/index.js');

/** The CLI serves one app; this starts the built server (dist/) in a child process with two, as a host of several apps would. */
const START_SCRIPT = `
const { startServer } = require(process.env.SERVER_ENTRY);
startServer({ port: 0, host: '127.0.0.1', dataDir: process.env.DATA_DIR, apps: JSON.parse(process.env.APPS), logLevel: 'warn' })
  .then((server) => {
    process.stdout.write('listening on ' + server.url + '\\n');
    process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
  });
`;

export class TwoAppServer {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {}

  static start(): Promise<TwoAppServer> {
    const dataDir = mkdtempSync(join(tmpdir(), 'tidings-two-apps-'));
    const child = spawn(process.execPath, ['-e', START_SCRIPT], {
      env: { ...process.env, SERVER_ENTRY, DATA_DIR: dataDir, APPS: JSON.stringify([APP_A, APP_B]) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return new Promise((resolveStarted, rejectStarted) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) resolveStarted(new TwoAppServer(match[1], child, dataDir));
      });
      child.once('exit', (code) => rejectStarted(new Error(`two-app server exited with ${code}: ${output}`)));
    });
  }

  get socketURL(): string {
    return `${this.url.replace(/^http/, 'ws')}/ws`;
  }

  userSig(app: TestApp, userID: string): string {
    return genUserSig({ SDKAppID: app.SDKAppID, secretKey: app.secretKey, userID });
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((done) => this.child.once('exit', done));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
