import {
  declarationEntries,
  majorRange,
  type RootManifest,
  sdkManifest,
  serverManifest,
} from '../../scripts/pack/manifests';

/** The package.json files npm run pack writes for tidings and tidings-server, from a root manifest shaped like the repository's. */
const ROOT: RootManifest = {
  name: 'tidings',
  version: '1.2.3',
  private: true,
  description: 'A chat SDK.',
  license: 'MIT',
  engines: { node: '>=20' },
  dependencies: { 'better-sqlite3': '^12.11.1', pino: '^10.4.0', sharp: '^0.35.5', ws: '^8.23.0' },
  devDependencies: { jest: '^30.0.0' },
  scripts: { test: 'jest' },
  main: 'dist/tidings.cjs',
  module: 'dist/tidings.mjs',
  types: 'dist/node/adapters/entry.node.d.ts',
  bin: { tidings: 'bin/tidings.js' },
  exports: {
    '.': {
      types: './dist/node/adapters/entry.node.d.ts',
      node: { import: './dist/tidings.mjs', require: './dist/tidings.cjs' },
      default: './dist/tidings.browser.mjs',
    },
    './uni': { types: './dist/node/adapters/entry.uni.d.ts', default: './dist/tidings.uni.mjs' },
    './server': { types: './dist/node/server/index.d.ts', default: './dist/node/server/index.js' },
    './package.json': './package.json',
  },
  miniprogram: 'miniprogram_dist',
};

describe('the SDK manifest', () => {
  const sdk = sdkManifest(ROOT, ['dist', 'miniprogram_dist', 'README.md']);

  test('is tidings at the root version, publishable, with no dependencies and ws only as an optional peer', () => {
    expect(sdk).toMatchObject({
      name: 'tidings',
      version: '1.2.3',
      description: 'A chat SDK.',
      license: 'MIT',
      engines: { node: '>=20' },
    });
    expect(sdk.private).toBeUndefined();
    expect(sdk.dependencies).toEqual({});
    expect(sdk.peerDependencies).toEqual({ ws: '^8' });
    expect(sdk.peerDependenciesMeta).toEqual({ ws: { optional: true } });
    for (const field of ['devDependencies', 'scripts', 'bin', 'allowScripts']) expect(sdk[field]).toBeUndefined();
  });

  test('keeps the root entry points and miniprogram folder, without ./server', () => {
    expect(sdk).toMatchObject({
      main: ROOT.main,
      module: ROOT.module,
      types: ROOT.types,
      miniprogram: 'miniprogram_dist',
      files: ['dist', 'miniprogram_dist', 'README.md'],
    });
    expect(Object.keys(sdk.exports as object)).toEqual(['.', './uni', './package.json']);
    expect((sdk.exports as Record<string, unknown>)['./uni']).toEqual(ROOT.exports!['./uni']);
  });

  test('names the declarations its types need: the node and uni entries', () => {
    expect(declarationEntries(sdk)).toEqual([
      'dist/node/adapters/entry.node.d.ts',
      'dist/node/adapters/entry.uni.d.ts',
    ]);
  });

  test('refuses a root without what it is made from', () => {
    expect(() => sdkManifest({ ...ROOT, miniprogram: undefined }, [])).toThrow(/package\.json has no miniprogram/);
    expect(() => sdkManifest({ ...ROOT, dependencies: {} }, [])).toThrow(/package\.json has no dependencies\.ws/);
  });
});

describe('the server manifest', () => {
  const server = serverManifest(ROOT, ['bin', 'dist', 'README.md']);

  test('is tidings-server at the root version with the root runtime dependencies and the tidings command', () => {
    expect(server).toMatchObject({
      name: 'tidings-server',
      version: '1.2.3',
      license: 'MIT',
      engines: { node: '>=20' },
      bin: { tidings: 'bin/tidings.js' },
    });
    expect(server.dependencies).toEqual(ROOT.dependencies);
    expect(server.dependencies).not.toBe(ROOT.dependencies);
    expect(server.private).toBeUndefined();
    expect(server.devDependencies).toBeUndefined();
  });

  test('exports the server entry and its declarations', () => {
    expect(server).toMatchObject({ main: 'dist/node/server/index.js', types: 'dist/node/server/index.d.ts' });
    expect(server.exports).toEqual({
      '.': { types: './dist/node/server/index.d.ts', default: './dist/node/server/index.js' },
      './package.json': './package.json',
    });
    expect(declarationEntries(server)).toEqual(['dist/node/server/index.d.ts']);
  });
});

test('majorRange keeps the major version of a range', () => {
  expect(majorRange('^8.23.0')).toBe('^8');
  expect(majorRange('~10.4.0')).toBe('^10');
  expect(majorRange('8.x')).toBe('^8');
  expect(() => majorRange('latest')).toThrow(/cannot read a major version/);
});
