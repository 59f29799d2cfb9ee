/**
 * Builds the gallery with the real uni-app compiler: `npm run build:gallery` (H5 and mp-weixin).
 * The uni CLI wants one project folder holding `uni_modules`, so the gallery sources and the
 * tidings-chat plugin are copied into dist/uni-gallery/project first; output goes to
 * dist/uni-gallery/{h5,mp-weixin}. Needs `npm run build` first (the gallery imports dist/tidings.uni.mjs).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const GALLERY_OUT = join(ROOT, 'dist/uni-gallery');
const PROJECT = join(GALLERY_OUT, 'project');
const UNI_CLI = join(ROOT, 'node_modules/@dcloudio/vite-plugin-uni/bin/uni.js');

export type GalleryTarget = 'h5' | 'mp-weixin';

function prepareProject(): void {
  rmSync(PROJECT, { recursive: true, force: true });
  mkdirSync(PROJECT, { recursive: true });
  for (const file of ['index.html', 'vite.config.ts', 'src']) cpSync(join(__dirname, file), join(PROJECT, file), { recursive: true });
  cpSync(join(ROOT, 'components/uni/uni_modules'), join(PROJECT, 'src/uni_modules'), { recursive: true });
  // The uni CLI turns its plugins on by the project's package.json dependencies (without them it silently
  // builds a plain Vite app); they resolve from the repository's node_modules.
  const rootDev: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies;
  const devDependencies = Object.fromEntries(Object.entries(rootDev).filter(([name]) => name.startsWith('@dcloudio/') || name === 'vue' || name === 'vite'));
  writeFileSync(join(PROJECT, 'package.json'), JSON.stringify({ name: 'tidings-chat-gallery', private: true, version: '0.0.0', devDependencies }));
}

/** Builds one target; returns the output folder, or throws with everything the compiler printed. */
export function buildGallery(target: GalleryTarget): string {
  prepareProject();
  const outDir = join(GALLERY_OUT, target);
  rmSync(outDir, { recursive: true, force: true });
  const args = target === 'h5' ? ['build'] : ['build', '-p', target];
  const result = spawnSync(process.execPath, [UNI_CLI, ...args], {
    cwd: PROJECT,
    env: { ...process.env, TIDINGS_ROOT: ROOT, UNI_INPUT_DIR: join(PROJECT, 'src'), UNI_OUTPUT_DIR: outDir, NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0 || /Build failed|error/i.test(result.stderr) || !/DONE\s+Build complete/.test(output)) {
    throw new Error(`uni build ${target} failed (exit ${result.status}):\n${output}`);
  }
  return outDir;
}

if (require.main === module) {
  for (const target of (process.argv.slice(2) as GalleryTarget[]).length ? (process.argv.slice(2) as GalleryTarget[]) : (['h5', 'mp-weixin'] as const)) {
    console.log(`built ${buildGallery(target)}`);
  }
}
