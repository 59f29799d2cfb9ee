// The demo is built from a copy beside its output (see scripts/uni-build.ts); TIDINGS_ROOT points back at the repository.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import uni from '@dcloudio/vite-plugin-uni';

export default defineConfig({
  plugins: [uni()],
  resolve: { alias: { 'tidings/uni': resolve(process.env.TIDINGS_ROOT as string, 'dist/tidings.uni.mjs') } },
});
