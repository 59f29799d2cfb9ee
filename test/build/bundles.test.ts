import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { transform } from 'esbuild';
import { WECHAT_BUDGET_BYTES, measureBundle } from '../../bench/bundle';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { destroyAll, inbox, readyChat, until } from '../helpers/sdk';
import { simulateMiniProgram } from '../adapters/simulated-mini-program';

/** The shipped bundles, as `npm test` builds them: what they contain, and that the WeChat one runs on `wx` alone. */
const ROOT = resolve(__dirname, '../..');
const read = (file: string) => readFileSync(resolve(ROOT, file), 'utf8');

/** The code without comments; with `identifiersOnly`, string literals (error texts) are blanked too. */
async function codeOf(file: string, identifiersOnly: boolean): Promise<string> {
  const { code } = await transform(read(file), { minify: true, format: 'esm', loader: 'js' });
  return identifiersOnly ? code.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""') : code;
}

describe.each(['miniprogram_dist/index.js', 'dist/tidings.uni.mjs'])('%s', (file) => {
  test('does not load the ws package or any Node built-in', async () => {
    expect(await codeOf(file, false)).not.toMatch(
      /(?:require\(|from|import\()\s*["'](?:ws|node:[a-z]+|fs|http|https|net|crypto)["']/,
    );
  });

  test.each([
    ['Node globals', /\brequire\(|\bprocess\b|\bBuffer\b/],
    ['window', /\bwindow\b/],
    ['document', /\bdocument\b/],
    ['the browser WebSocket', /\bWebSocket\b/],
    ['XMLHttpRequest or fetch', /\bXMLHttpRequest\b|\bfetch\(/],
    // The outbox's IndexedDB copies of picked files are the web adapter's (adapters/web-kept-files.ts).
    ['IndexedDB', /\bindexedDB\b/],
    // Mini-programs forbid both; the schemas' library (valibot) was chosen because it needs neither.
    ['eval or new Function', /\beval\(|\bnew Function\(/],
  ])('has no reference to %s', async (_name, pattern) => {
    expect(await codeOf(file, true)).not.toMatch(pattern);
  });
});

test('the WeChat bundle stays within its budget: 40 KB minified and gzipped, measured as npm run bench does', async () => {
  const size = await measureBundle('miniprogram_dist/index.js');
  expect(size.present && size.minGzipBytes).toBeLessThanOrEqual(WECHAT_BUDGET_BYTES);
});

test('the Node build keeps ws outside the bundle, as a dependency', () => {
  expect(read('dist/tidings.cjs')).toMatch(/require\('ws'\)/);
});

describe('the WeChat bundle in a sandbox that has only wx', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await ServerProcess.start();
  });
  afterAll(async () => {
    await destroyAll();
    await server.close();
  });

  test('loads, picks the wx adapter, and chats with a Node client through the real server', async () => {
    const simulator = simulateMiniProgram('wx');
    const sandbox = {
      wx: simulator.api,
      setTimeout,
      clearTimeout,
      console,
      module: { exports: {} as Record<string, unknown> },
      exports: {},
    };
    sandbox.exports = sandbox.module.exports;
    runInContext(read('miniprogram_dist/index.js'), createContext(sandbox));
    type Namespace = typeof import('../../adapters/entry.wx').default;
    const TencentCloudChat = sandbox.module.exports.default as Namespace;

    const chat = TencentCloudChat.create({ SDKAppID: TEST_SDKAPPID, serverURL: server.url });
    await chat.login({ userID: 'wechat-user', userSig: server.userSig('wechat-user') });
    const received: Array<{ payload: { text?: string } }> = [];
    chat.on(TencentCloudChat.EVENT.MESSAGE_RECEIVED, ({ data }) => received.push(...data));
    const node = await readyChat(server, 'node-user');
    const nodeInbox = inbox(node);

    const message = chat.createTextMessage({
      to: 'node-user',
      conversationType: TencentCloudChat.TYPES.CONV_C2C,
      payload: { text: 'from the mini-program' },
    });
    expect((await chat.sendMessage(message)).data.message.status).toBe('success');
    const reply = node.createTextMessage({
      to: 'wechat-user',
      conversationType: 'C2C',
      payload: { text: 'from node' },
    });
    await node.sendMessage(reply);
    await until(() => nodeInbox.length === 1 && received.length === 1);
    expect(nodeInbox[0].payload.text).toBe('from the mini-program');
    expect(received[0].payload.text).toBe('from node');
    await chat.destroy();
  });

  test('without wx it says which adapters were tried', () => {
    const sandbox = {
      setTimeout,
      clearTimeout,
      console,
      module: { exports: {} as Record<string, unknown> },
      exports: {},
    };
    sandbox.exports = sandbox.module.exports;
    runInContext(read('miniprogram_dist/index.js'), createContext(sandbox));
    const TencentCloudChat = sandbox.module.exports.default as { create(o: unknown): unknown };
    expect(() => TencentCloudChat.create({ SDKAppID: TEST_SDKAPPID, serverURL: server.url })).toThrow(/tried: wx/);
  });
});
