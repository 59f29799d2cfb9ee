import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import type { RollupOptions } from 'rollup';

/**
 * The SDK bundles, one per platform family. Declarations come from `tsc -p tsconfig.build.json` (dist/node).
 * The one npm package the SDK uses, valibot (protocol/'s schemas), is bundled, tree-shaken: the SDK
 * package has no dependencies.
 */
const typescriptForBundles = (outDir = 'dist') => [
  nodeResolve(),
  typescript({
    tsconfig: './tsconfig.build.json',
    compilerOptions: { module: 'esnext', declaration: false, sourceMap: false, outDir },
    include: ['protocol/**/*.ts', 'plugin/**/*.ts', 'adapters/**/*.ts'],
  }),
];

const nodeBuild: RollupOptions = {
  input: 'adapters/entry.node.ts',
  external: (id) => id === 'ws' || id.startsWith('node:'),
  plugins: typescriptForBundles(),
  output: [
    { file: 'dist/tidings.mjs', format: 'esm' },
    { file: 'dist/tidings.cjs', format: 'cjs', exports: 'named' },
  ],
};

/** WeChat's npm build copies `miniprogram_dist` as it is, so it ships minified and self-contained. */
const wxBuild: RollupOptions = {
  input: 'adapters/entry.wx.ts',
  plugins: [...typescriptForBundles('miniprogram_dist'), terser()],
  output: { file: 'miniprogram_dist/index.js', format: 'cjs', exports: 'named' },
};

const uniBuild: RollupOptions = {
  input: 'adapters/entry.uni.ts',
  plugins: typescriptForBundles(),
  output: { file: 'dist/tidings.uni.mjs', format: 'esm' },
};

const browserBuild: RollupOptions = {
  input: 'adapters/entry.browser.ts',
  plugins: typescriptForBundles(),
  output: { file: 'dist/tidings.browser.mjs', format: 'esm' },
};

export default [nodeBuild, wxBuild, uniBuild, browserBuild];
