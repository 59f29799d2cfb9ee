import typescript from '@rollup/plugin-typescript';
import type { RollupOptions } from 'rollup';

/** The SDK bundles. Declarations come from `tsc -p tsconfig.build.json` (dist/node). */
const typescriptForBundles = () =>
  typescript({
    tsconfig: './tsconfig.build.json',
    compilerOptions: { module: 'esnext', declaration: false, sourceMap: false, outDir: 'dist' },
    include: ['plugin/**/*.ts', 'adapters/**/*.ts'],
  });

const nodeBuild: RollupOptions = {
  input: 'adapters/entry.node.ts',
  external: (id) => id === 'ws' || id.startsWith('node:'),
  plugins: [typescriptForBundles()],
  output: [
    { file: 'dist/tidings.mjs', format: 'esm' },
    { file: 'dist/tidings.cjs', format: 'cjs', exports: 'named' },
  ],
};

export default [nodeBuild];
