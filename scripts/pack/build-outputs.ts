import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** What `npm run build` makes: what the packages are made of, and what `npm start` runs. */
export const BUILD_OUTPUTS = [
  'dist/tidings.mjs',
  'dist/tidings.cjs',
  'dist/tidings.browser.mjs',
  'dist/tidings.uni.mjs',
  'dist/node/adapters/entry.node.d.ts',
  'dist/node/adapters/entry.uni.d.ts',
  'dist/node/server/index.js',
  'dist/node/server/index.d.ts',
  'dist/node/server/cli.js',
  'dist/node/server/store/sqlite-worker.js',
  'miniprogram_dist/index.js',
  'miniprogram_dist/components/wechat/provide-chat.js',
  'miniprogram_dist/components/wechat/message-bubble/message-bubble.js',
  'miniprogram_dist/components/wechat/message-list/message-list.js',
  'miniprogram_dist/components/wechat/chat-composer/chat-composer.js',
] as const;

export const missingOutputs = (root: string): string[] => BUILD_OUTPUTS.filter((path) => !existsSync(join(root, path)));

/** Builds when an output is missing; fails naming what is still missing if the build could not make it. */
export function ensureBuilt(root: string, build: () => void): void {
  if (missingOutputs(root).length === 0) return;
  build();
  const stillMissing = missingOutputs(root);
  if (stillMissing.length > 0) {
    throw new Error(
      `npm run pack needs the build outputs ${stillMissing.join(', ')}, and npm run build did not make them. Fix the build (its output is above), then run npm run pack again.`,
    );
  }
}
