/**
 * Builds the gallery with the real uni-app compiler (scripts/uni-build.ts): `npm run build:gallery` (H5 and
 * mp-weixin) into dist/uni-gallery/{h5,mp-weixin}. Needs `npm run build` first (it imports dist/tidings.uni.mjs).
 */
import { join } from 'node:path';
import { buildUniApp, ROOT, type UniTarget } from '../../../scripts/uni-build';

const GALLERY = { name: 'tidings-chat-gallery', appDir: __dirname, sources: ['index.html', 'vite.config.ts', 'src'] };

export type GalleryTarget = UniTarget;

/** Builds one target; returns the output folder, or throws with everything the compiler printed. */
export function buildGallery(target: GalleryTarget): string {
  return buildUniApp(GALLERY, target, join(ROOT, 'dist/uni-gallery', target));
}

if (require.main === module) {
  const targets = process.argv.slice(2) as GalleryTarget[];
  for (const target of targets.length ? targets : (['h5', 'mp-weixin'] as const))
    console.log(`built ${buildGallery(target)}`);
}
