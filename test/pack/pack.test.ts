import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { pack } from '../../scripts/pack';

/** npm run pack (npm test builds first): the npm tarball, the uni_modules plugin-market module and the WeChat plugin. */
const ROOT = resolve(__dirname, '../..');
const OUT = join(ROOT, 'dist/packages');

const filesUnder = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(folder, path)).isFile())
    .map((path) => path.split('\\').join('/'));

/** Nothing a user should not get: tests, TypeScript sources (declarations are fine), source maps, our own packages. */
const unwanted = (path: string) => /(^|\/)test\//.test(path) || (/\.ts$/.test(path) && !/\.d\.ts$/.test(path)) || /\.map$/.test(path) || /(^|\/)(packages|uni-gallery)\//.test(path);

let output = '';
beforeAll(() => {
  output = execFileSync('npm', ['run', 'pack', '--silent'], { cwd: ROOT, encoding: 'utf8' });
}, 60_000);

test('npm run pack says what it made', () => {
  expect(output).toContain('dist/packages/tidings-0.1.0.tgz');
  expect(output).toContain('dist/packages/tidings-chat-0.1.0.zip');
  expect(output).toContain('dist/packages/wechat-plugin');
});

test('the npm tarball holds the SDK builds, miniprogram_dist for WeChat\'s Build npm, the server, the CLI and docs, and nothing else', () => {
  const entries = execFileSync('tar', ['-tzf', join(OUT, 'tidings-0.1.0.tgz')], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ''));
  for (const path of [
    'package.json',
    'README.md',
    'bin/tidings.js',
    'dist/tidings.mjs',
    'dist/tidings.cjs',
    'dist/tidings.browser.mjs',
    'dist/tidings.uni.mjs',
    'dist/node/adapters/entry.node.d.ts',
    'dist/node/server/index.js',
    'miniprogram_dist/index.js',
    'miniprogram_dist/components/wechat/provide-chat.js',
    'docs/protocol.md',
  ]) {
    expect(entries).toContain(path);
  }
  for (const name of ['message-bubble', 'message-list', 'chat-composer']) {
    for (const extension of ['js', 'json', 'wxml', 'wxss']) expect(entries).toContain(`miniprogram_dist/components/wechat/${name}/${name}.${extension}`);
  }
  expect(entries.filter(unwanted)).toEqual([]);
  expect(entries.filter((entry) => !/^(package\.json|README\.md|bin\/|dist\/|miniprogram_dist\/|docs\/)/.test(entry))).toEqual([]);
  expect(statSync(join(OUT, 'tidings-0.1.0.tgz')).size).toBeLessThan(1024 * 1024);
});

test('the uni_modules package is the tidings-chat module with its market metadata and the SDK inside, as a folder and a zip', () => {
  const folder = join(OUT, 'uni_modules/tidings-chat');
  const meta = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { id: string; version: string; uni_modules: { platforms: { client: Record<string, unknown> } } };
  expect(meta.id).toBe('tidings-chat');
  expect(meta.version).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  expect(Object.keys(meta.uni_modules.platforms.client)).toEqual(expect.arrayContaining(['Vue', 'App', 'H5-mobile', '小程序']));

  const files = filesUnder(folder);
  for (const name of ['message-bubble', 'message-list', 'chat-composer']) expect(files).toContain(`components/${name}/${name}.vue`);
  expect(files).toEqual(expect.arrayContaining(['package.json', 'changelog.md', 'readme.md', 'common/util.js', 'common/spec.js', 'js_sdk/tidings.uni.js']));
  expect(files.filter(unwanted)).toEqual([]);

  // The bundled SDK is the uni build and stands alone: no imports a market user would have to install.
  const sdk = readFileSync(join(folder, 'js_sdk/tidings.uni.js'), 'utf8');
  expect(sdk).toBe(readFileSync(join(ROOT, 'dist/tidings.uni.mjs'), 'utf8'));
  expect(sdk).not.toMatch(/^\s*import\s/m);
  expect(sdk).toMatch(/export \{[^}]*TencentCloudChat as default/);
  const readme = readFileSync(join(folder, 'readme.md'), 'utf8');
  expect(readme).toContain('@/uni_modules/tidings-chat/js_sdk/tidings.uni.js');
  expect(readme).not.toMatch(/\]\(\.\.\//);

  const zipped = unzipSync(readFileSync(join(OUT, 'tidings-chat-0.1.0.zip')));
  expect(Object.keys(zipped).sort()).toEqual(files.sort());
  expect(Buffer.from(zipped['js_sdk/tidings.uni.js']!).toString('utf8')).toBe(sdk);
  expect(statSync(join(OUT, 'tidings-chat-0.1.0.zip')).size).toBeLessThan(300 * 1024);
});

test('the WeChat plugin: every path plugin.json names exists, as a full component or the main module with the SDK and provideChat', () => {
  const folder = join(OUT, 'wechat-plugin');
  const project = JSON.parse(readFileSync(join(folder, 'project.config.json'), 'utf8')) as { compileType: string; pluginRoot: string };
  expect(project.compileType).toBe('plugin');
  const pluginRoot = join(folder, project.pluginRoot);
  const plugin = JSON.parse(readFileSync(join(pluginRoot, 'plugin.json'), 'utf8')) as { publicComponents: Record<string, string>; main: string };
  expect(Object.keys(plugin.publicComponents).sort()).toEqual(['chat-composer', 'message-bubble', 'message-list']);
  for (const path of Object.values(plugin.publicComponents)) {
    for (const extension of ['js', 'wxml', 'wxss', 'json']) expect(existsSync(join(pluginRoot, `${path}.${extension}`))).toBe(true);
    const json = JSON.parse(readFileSync(join(pluginRoot, `${path}.json`), 'utf8')) as { component: boolean; usingComponents: Record<string, string> };
    expect(json.component).toBe(true);
    for (const used of Object.values(json.usingComponents)) expect(existsSync(join(pluginRoot, path, '..', `${used}.json`))).toBe(true);
  }
  expect(existsSync(join(pluginRoot, plugin.main))).toBe(true);
  expect(readFileSync(join(folder, 'doc/README.md'), 'utf8')).toContain('requirePlugin');

  const files = filesUnder(folder);
  expect(files.filter(unwanted)).toEqual([]);
  const bytes = files.reduce((sum, path) => sum + statSync(join(folder, path)).size, 0);
  expect(bytes).toBeLessThan(512 * 1024);

  // The main module as requirePlugin gives it: the SDK's exports, TencentCloudChat, and the components' own provideChat.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const main = require(join(pluginRoot, plugin.main)) as Record<string, unknown>;
  expect(typeof (main.TencentCloudChat as { create?: unknown }).create).toBe('function');
  expect(main.default).toBe(main.TencentCloudChat);
  expect(main.TYPES).toBeDefined();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(main.provideChat).toBe((require(join(pluginRoot, 'components/wechat/provide-chat.js')) as { provideChat: unknown }).provideChat);
});

test('pack fails, naming what is missing, when a build output is missing and the build cannot make it', () => {
  const emptyRoot = mkdtempSync(join(tmpdir(), 'tidings-pack-'));
  try {
    let builds = 0;
    expect(() => pack(emptyRoot, () => void builds++)).toThrow(/npm run pack needs the build outputs dist\/tidings\.mjs, .*miniprogram_dist\/index\.js.*npm run build did not make them/);
    expect(builds).toBe(1);
    expect(existsSync(join(emptyRoot, 'dist/packages'))).toBe(false);
  } finally {
    rmSync(emptyRoot, { recursive: true, force: true });
  }
});
