import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { pack } from '../../scripts/pack';
import { verifyUserSig } from '../../server/auth/usersig';
import { installTarball, linkDependencies, readJson, runNode, tarballEntries } from './installed';

/**
 * npm run pack (npm test builds first): the npm packages tidings (the SDK) and tidings-server, the uni_modules
 * plugin-market module and the WeChat plugin.
 */
const ROOT = resolve(__dirname, '../..');
const OUT = join(ROOT, 'dist/packages');
const ROOT_MANIFEST = readJson<{ version: string; dependencies: Record<string, string> }>(join(ROOT, 'package.json'));
const SDK_TARBALL = join(OUT, `tidings-${ROOT_MANIFEST.version}.tgz`);
const SERVER_TARBALL = join(OUT, `tidings-server-${ROOT_MANIFEST.version}.tgz`);
/** The market module is released on its own: its version is its package.json's, the newest entry of its changelog. */
const UNI_MODULE_SOURCE = join(ROOT, 'components/uni/uni_modules/tidings-chat');
const UNI_MODULE_VERSION = readJson<{ version: string }>(join(UNI_MODULE_SOURCE, 'package.json')).version;
const UNI_MODULE_ZIP = join(OUT, `tidings-chat-${UNI_MODULE_VERSION}.zip`);

const filesUnder = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(folder, path)).isFile())
    .map((path) => path.split('\\').join('/'));

/** Nothing a user should not get: tests, TypeScript sources (declarations are fine), source maps, our own packages. */
const unwanted = (path: string) =>
  /(^|\/)test\//.test(path) ||
  (/\.ts$/.test(path) && !/\.d\.ts$/.test(path)) ||
  /\.map$/.test(path) ||
  /(^|\/)(packages|uni-gallery)\//.test(path);

const temporaryFolders: string[] = [];
const temporaryFolder = (prefix: string): string => {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  temporaryFolders.push(folder);
  return folder;
};
afterAll(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

let output = '';
beforeAll(() => {
  output = execFileSync('npm', ['run', 'pack', '--silent'], { cwd: ROOT, encoding: 'utf8' });
}, 60_000);

test("npm run pack says what it made, named by the root version and the market module's own version", () => {
  expect(output).toContain(`dist/packages/tidings-${ROOT_MANIFEST.version}.tgz`);
  expect(output).toContain(`dist/packages/tidings-server-${ROOT_MANIFEST.version}.tgz`);
  expect(output).toContain('dist/packages/npm/tidings');
  expect(output).toContain('dist/packages/npm/tidings-server');
  expect(output).toContain(`dist/packages/tidings-chat-${UNI_MODULE_VERSION}.zip`);
  expect(output).toContain('dist/packages/wechat-plugin');
});

describe('the tidings npm package (the SDK)', () => {
  const entries = () => tarballEntries(SDK_TARBALL);

  test("holds the SDK builds, their declarations, miniprogram_dist for WeChat's Build npm and docs, and nothing else", () => {
    const paths = entries();
    for (const path of [
      'package.json',
      'README.md',
      'dist/tidings.mjs',
      'dist/tidings.cjs',
      'dist/tidings.browser.mjs',
      'dist/tidings.uni.mjs',
      'dist/node/adapters/entry.node.d.ts',
      'dist/node/adapters/entry.uni.d.ts',
      'dist/node/adapters/public-api.d.ts',
      'dist/node/plugin/types.d.ts',
      'miniprogram_dist/index.js',
      'miniprogram_dist/components/wechat/provide-chat.js',
      'docs/protocol.md',
    ]) {
      expect(paths).toContain(path);
    }
    for (const name of ['message-bubble', 'message-list', 'chat-composer']) {
      for (const extension of ['js', 'json', 'wxml', 'wxss'])
        expect(paths).toContain(`miniprogram_dist/components/wechat/${name}/${name}.${extension}`);
    }
    expect(paths.filter(unwanted)).toEqual([]);
    expect(paths.filter((path) => path.startsWith('dist/node/') && !path.endsWith('.d.ts'))).toEqual([]);
    expect(paths.filter((path) => /^(bin\/|dist\/node\/server\/)/.test(path))).toEqual([]);
    expect(
      paths.filter((path) => !/^(package\.json|README\.md|LICENSE|dist\/|miniprogram_dist\/|docs\/)/.test(path)),
    ).toEqual([]);
    expect(statSync(SDK_TARBALL).size).toBeLessThan(1024 * 1024);
  });

  test('its package.json: no dependencies, no bin, ws only as an optional peer, the miniprogram folder, no ./server', () => {
    const manifest = readJson<Record<string, unknown>>(join(OUT, 'npm/tidings/package.json'));
    expect(manifest).toMatchObject({
      name: 'tidings',
      version: ROOT_MANIFEST.version,
      miniprogram: 'miniprogram_dist',
    });
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bin).toBeUndefined();
    expect(manifest.private).toBeUndefined();
    expect(manifest.peerDependencies).toEqual({ ws: `^${/\d+/.exec(ROOT_MANIFEST.dependencies.ws)![0]}` });
    expect(manifest.peerDependenciesMeta).toEqual({ ws: { optional: true } });
    expect(Object.keys(manifest.exports as object)).toEqual(['.', './uni', './package.json']);
  });

  test('installed in a project with ws, it loads with require and import, and its types exist', () => {
    const project = temporaryFolder('tidings-sdk-install-');
    const installed = installTarball(project, 'tidings', SDK_TARBALL);
    linkDependencies(project, join(ROOT, 'node_modules'), ['ws']);

    const required = runNode(project, [
      '-e',
      "const t = require('tidings'); console.log(JSON.stringify([typeof t.default.create, t.TYPES.CONV_C2C, t.default.TYPES.CONV_C2C]))",
    ]);
    expect(JSON.parse(required)).toEqual(['function', 'C2C', 'C2C']);
    const imported = runNode(project, [
      '--input-type=module',
      '-e',
      "import TencentCloudChat, { TYPES } from 'tidings'; console.log(JSON.stringify([typeof TencentCloudChat.create, TYPES.CONV_C2C]))",
    ]);
    expect(JSON.parse(imported)).toEqual(['function', 'C2C']);
    expect(() => runNode(project, ['-e', "require.resolve('tidings/server')"])).toThrow(
      /ERR_PACKAGE_PATH_NOT_EXPORTED/,
    );

    const manifest = readJson<{
      types: string;
      exports: Record<string, { types?: string; default?: string }>;
      miniprogram: string;
    }>(join(installed, 'package.json'));
    expect(existsSync(join(installed, manifest.types))).toBe(true);
    for (const entry of Object.values(manifest.exports)) {
      if (typeof entry === 'object' && entry.types) expect(existsSync(join(installed, entry.types))).toBe(true);
      if (typeof entry === 'object' && entry.default) expect(existsSync(join(installed, entry.default))).toBe(true);
    }
    expect(existsSync(join(installed, manifest.miniprogram, 'index.js'))).toBe(true);
    // valibot (protocol/'s schemas) is bundled; no declaration a user's compiler reads may name it.
    const declarations = (readdirSync(join(installed, 'dist/node'), { recursive: true }) as string[]).filter((file) =>
      file.endsWith('.d.ts'),
    );
    expect(
      declarations.filter((file) =>
        /from ['"]valibot['"]/.test(readFileSync(join(installed, 'dist/node', file), 'utf8')),
      ),
    ).toEqual([]);
  });
});

describe('the tidings-server npm package', () => {
  const manifest = () =>
    readJson<{ name: string; version: string; bin: Record<string, string>; dependencies: Record<string, string> }>(
      join(OUT, 'npm/tidings-server/package.json'),
    );

  test('holds the CLI, the compiled server and the protocol modules it requires, with its own README, and nothing else', () => {
    const paths = tarballEntries(SERVER_TARBALL);
    for (const path of [
      'package.json',
      'README.md',
      'bin/tidings.js',
      'dist/node/server/index.js',
      'dist/node/server/index.d.ts',
      'dist/node/server/cli.js',
      'dist/node/server/store/sqlite-worker.js',
      'dist/node/protocol/errors.js',
      'dist/node/protocol/frames.js',
    ]) {
      expect(paths).toContain(path);
    }
    expect(paths.filter(unwanted)).toEqual([]);
    expect(
      paths.filter((path) => !/^(package\.json|README\.md|LICENSE|bin\/|dist\/node\/(server|protocol)\/)/.test(path)),
    ).toEqual([]);
    expect(paths.filter((path) => /^(dist\/tidings\.|miniprogram_dist\/|dist\/node\/adapters\/)/.test(path))).toEqual(
      [],
    );
    expect(readFileSync(join(OUT, 'npm/tidings-server/README.md'), 'utf8')).toContain('npx tidings-server start');
  });

  test('its package.json: the root runtime dependencies and the tidings command', () => {
    expect(manifest()).toMatchObject({
      name: 'tidings-server',
      version: ROOT_MANIFEST.version,
      bin: { tidings: 'bin/tidings.js' },
    });
    expect(manifest().dependencies).toEqual(ROOT_MANIFEST.dependencies);
  });

  test('installed with its dependencies, the tidings command prints a userSig, and require gives startServer and genUserSig', () => {
    const project = temporaryFolder('tidings-server-install-');
    const installed = installTarball(project, 'tidings-server', SERVER_TARBALL);
    linkDependencies(project, join(ROOT, 'node_modules'), Object.keys(manifest().dependencies));

    const secretKey = 'a-secret-key-for-the-install-test';
    const env = { TIDINGS_SECRET_KEY: secretKey, TIDINGS_SDKAPPID: '1400000009', TIDINGS_DATA: join(project, 'data') };
    const userSig = runNode(project, [join(installed, manifest().bin.tidings), 'usersig', 'alice'], env).trim();
    expect(() =>
      verifyUserSig(userSig, { SDKAppID: 1400000009, userID: 'alice', secretKey }, Math.floor(Date.now() / 1000)),
    ).not.toThrow();

    const exported = runNode(project, [
      '-e',
      "const s = require('tidings-server'); console.log(JSON.stringify([typeof s.startServer, typeof s.genUserSig]))",
    ]);
    expect(JSON.parse(exported)).toEqual(['function', 'function']);
  });

  test('installed, it starts a server (the SQLite worker and sharp load from the package) that answers /healthz', () => {
    const project = temporaryFolder('tidings-server-start-');
    installTarball(project, 'tidings-server', SERVER_TARBALL);
    linkDependencies(project, join(ROOT, 'node_modules'), Object.keys(manifest().dependencies));
    const script = [
      "const { startServer } = require('tidings-server');",
      "startServer({ port: 0, host: '127.0.0.1', dataDir: 'data', logLevel: 'silent', apps: [{ SDKAppID: 1400000009, secretKey: 'k' }] })",
      '  .then(async (server) => { const health = await (await fetch(`${server.url}/healthz`)).json(); await server.close(); console.log(JSON.stringify(health)); })',
      '  .catch((error) => { console.error(error); process.exit(1); });',
    ].join('\n');
    expect(JSON.parse(runNode(project, ['-e', script]))).toEqual({ ok: true, engines: { database: 'up' } });
  });
});

test('the uni_modules package is the tidings-chat module with its market metadata and the SDK inside, as a folder and a zip', () => {
  const folder = join(OUT, 'uni_modules/tidings-chat');
  const meta = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
    id: string;
    version: string;
    uni_modules: { platforms: { client: Record<string, unknown> } };
  };
  expect(meta.id).toBe('tidings-chat');
  expect(meta.version).toBe(UNI_MODULE_VERSION);
  expect(/^##\s*v?(\d+\.\d+\.\d+)/m.exec(readFileSync(join(folder, 'changelog.md'), 'utf8'))?.[1]).toBe(meta.version);
  expect(Object.keys(meta.uni_modules.platforms.client)).toEqual(
    expect.arrayContaining(['Vue', 'App', 'H5-mobile', '小程序']),
  );

  const files = filesUnder(folder);
  for (const name of ['message-bubble', 'message-list', 'chat-composer'])
    expect(files).toContain(`components/${name}/${name}.vue`);
  expect(files).toEqual(
    expect.arrayContaining([
      'package.json',
      'changelog.md',
      'readme.md',
      'common/util.js',
      'common/spec.js',
      'js_sdk/tidings.uni.js',
    ]),
  );
  expect(files.filter(unwanted)).toEqual([]);

  // The bundled SDK is the uni build and stands alone: no imports a market user would have to install.
  const sdk = readFileSync(join(folder, 'js_sdk/tidings.uni.js'), 'utf8');
  expect(sdk).toBe(readFileSync(join(ROOT, 'dist/tidings.uni.mjs'), 'utf8'));
  expect(sdk).not.toMatch(/^\s*import\s/m);
  expect(sdk).toMatch(/export \{[^}]*TencentCloudChat as default/);
  const readme = readFileSync(join(folder, 'readme.md'), 'utf8');
  expect(readme).toContain('@/uni_modules/tidings-chat/js_sdk/tidings.uni.js');
  expect(readme).not.toMatch(/\]\(\.\.\//);

  const zipped = unzipSync(readFileSync(UNI_MODULE_ZIP));
  expect(Object.keys(zipped).sort()).toEqual(files.sort());
  expect(Buffer.from(zipped['js_sdk/tidings.uni.js']).toString('utf8')).toBe(sdk);
  expect(statSync(UNI_MODULE_ZIP).size).toBeLessThan(300 * 1024);
});

test('the WeChat plugin: every path plugin.json names exists, as a full component or the main module with the SDK and provideChat', () => {
  const folder = join(OUT, 'wechat-plugin');
  const project = JSON.parse(readFileSync(join(folder, 'project.config.json'), 'utf8')) as {
    compileType: string;
    pluginRoot: string;
  };
  expect(project.compileType).toBe('plugin');
  const pluginRoot = join(folder, project.pluginRoot);
  const plugin = JSON.parse(readFileSync(join(pluginRoot, 'plugin.json'), 'utf8')) as {
    publicComponents: Record<string, string>;
    main: string;
  };
  expect(Object.keys(plugin.publicComponents).sort()).toEqual(['chat-composer', 'message-bubble', 'message-list']);
  for (const path of Object.values(plugin.publicComponents)) {
    for (const extension of ['js', 'wxml', 'wxss', 'json'])
      expect(existsSync(join(pluginRoot, `${path}.${extension}`))).toBe(true);
    const json = JSON.parse(readFileSync(join(pluginRoot, `${path}.json`), 'utf8')) as {
      component: boolean;
      usingComponents: Record<string, string>;
    };
    expect(json.component).toBe(true);
    for (const used of Object.values(json.usingComponents))
      expect(existsSync(join(pluginRoot, path, '..', `${used}.json`))).toBe(true);
  }
  expect(existsSync(join(pluginRoot, plugin.main))).toBe(true);
  expect(readFileSync(join(folder, 'doc/README.md'), 'utf8')).toContain('requirePlugin');

  const files = filesUnder(folder);
  expect(files.filter(unwanted)).toEqual([]);
  const bytes = files.reduce((sum, path) => sum + statSync(join(folder, path)).size, 0);
  expect(bytes).toBeLessThan(512 * 1024);

  // The main module as requirePlugin gives it: the SDK's exports, TencentCloudChat, and the components' own provideChat.

  const main = require(join(pluginRoot, plugin.main)) as Record<string, unknown>;
  expect(typeof (main.TencentCloudChat as { create?: unknown }).create).toBe('function');
  expect(main.default).toBe(main.TencentCloudChat);
  expect(main.TYPES).toBeDefined();

  expect(main.provideChat).toBe(
    // The plugin's own CommonJS file, loaded as WeChat loads it.

    (require(join(pluginRoot, 'components/wechat/provide-chat.js')) as { provideChat: unknown }).provideChat,
  );
});

test("the mini-program demo's npm install (offline) copies the staged SDK package into its node_modules, as Build npm needs", () => {
  const copy = mkdtempSync(join(tmpdir(), 'tidings-demo-install-'));
  try {
    // The demo's package.json points at ../../dist/packages/npm/tidings: the same two levels up from the copy.
    const demo = join(copy, 'demo/miniprogram');
    cpSync(join(ROOT, 'demo/miniprogram'), demo, {
      recursive: true,
      filter: (path) => !/node_modules|miniprogram_npm/.test(path),
    });
    cpSync(join(OUT, 'npm/tidings'), join(copy, 'dist/packages/npm/tidings'), { recursive: true });
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund'], { cwd: demo, stdio: 'pipe' });
    const installed = join(demo, 'node_modules/tidings');
    expect(lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(existsSync(join(installed, 'miniprogram_dist/index.js'))).toBe(true);
    expect(readdirSync(join(demo, 'node_modules'))).toEqual(['.package-lock.json', 'tidings']);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}, 30_000);

test('pack fails, naming what is missing, when a build output is missing and the build cannot make it', () => {
  const emptyRoot = mkdtempSync(join(tmpdir(), 'tidings-pack-'));
  try {
    let builds = 0;
    expect(() => pack(emptyRoot, () => void builds++)).toThrow(
      /npm run pack needs the build outputs dist\/tidings\.mjs, .*miniprogram_dist\/index\.js.*npm run build did not make them/,
    );
    expect(builds).toBe(1);
    expect(existsSync(join(emptyRoot, 'dist/packages'))).toBe(false);
  } finally {
    rmSync(emptyRoot, { recursive: true, force: true });
  }
});
