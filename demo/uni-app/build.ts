/**
 * Builds the uni-app demo with the real uni-app compiler (scripts/uni-build.ts): `npm run build:demo` (H5),
 * `npm run build:demo -- mp-weixin`, into dist/uni-demo/<target>. Needs `npm run build` first (it imports
 * dist/tidings.uni.mjs).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildUniApp, ROOT, UNI_MODULES, type UniTarget } from '../../scripts/uni-build';

export { ROOT };
const SOURCES = ['index.html', 'vite.config.ts', 'src'];
const DEMO = { name: 'tidings-uni-demo', appDir: __dirname, sources: SOURCES };

export type DemoTarget = UniTarget;

export function demoOutput(target: DemoTarget): string {
  return join(ROOT, 'dist/uni-demo', target);
}

/** Builds one target; returns the output folder, or throws with everything the compiler printed. */
export function buildDemo(target: DemoTarget): string {
  return buildUniApp(DEMO, target, demoOutput(target));
}

/** The newest modification time of a file or of anything under a folder; 0 when it does not exist. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** True when an output is missing or something under `sources` changed after the oldest output was written. */
export function isStale(outputs: readonly string[], sources: readonly string[]): boolean {
  const built = Math.min(...outputs.map((output) => (existsSync(output) ? statSync(output).mtimeMs : 0)));
  return built === 0 || sources.some((source) => newestMtime(source) > built);
}

/** True when the build is missing or older than what it is built from (the demo, the components, the SDK bundle). */
export function demoIsStale(target: DemoTarget = 'h5'): boolean {
  const sources = [...SOURCES.map((file) => join(__dirname, file)), UNI_MODULES, join(ROOT, 'dist/tidings.uni.mjs')];
  return isStale([join(demoOutput(target), target === 'h5' ? 'index.html' : 'app.json')], sources);
}

if (require.main === module) {
  const targets = process.argv.slice(2) as DemoTarget[];
  for (const target of targets.length ? targets : (['h5'] as const)) console.log(`built ${buildDemo(target)}`);
}
