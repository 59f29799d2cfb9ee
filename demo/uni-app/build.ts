/**
 * Builds the uni-app demo with the real uni-app compiler: `npm run build:demo` (H5), `npm run build:demo -- mp-weixin`.
 * As for the components' gallery, the uni CLI wants one project folder holding `uni_modules`: the demo's sources and
 * the tidings-chat plugin are copied to a project folder of this build's own, and the output replaces
 * dist/uni-demo/<target> only when complete, so two builds at once (npm start and a test) cannot mix their files.
 * Needs `npm run build` first (it imports dist/tidings.uni.mjs).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const DEMO_OUT = join(ROOT, 'dist/uni-demo');
const UNI_CLI = join(ROOT, 'node_modules/@dcloudio/vite-plugin-uni/bin/uni.js');
const UNI_MODULES = join(ROOT, 'components/uni/uni_modules');
const SOURCES = ['index.html', 'vite.config.ts', 'src'];

export type DemoTarget = 'h5' | 'mp-weixin';

export function demoOutput(target: DemoTarget): string {
  return join(DEMO_OUT, target);
}

function prepareProject(target: DemoTarget): string {
  const project = join(DEMO_OUT, `project-${target}-${process.pid}`);
  rmSync(project, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  for (const file of SOURCES) cpSync(join(__dirname, file), join(project, file), { recursive: true });
  cpSync(UNI_MODULES, join(project, 'src/uni_modules'), { recursive: true });
  // The uni CLI turns its plugins on by the project's package.json dependencies (without them it silently
  // builds a plain Vite app); they resolve from the repository's node_modules.
  const rootDev: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies;
  const devDependencies = Object.fromEntries(Object.entries(rootDev).filter(([name]) => name.startsWith('@dcloudio/') || name === 'vue' || name === 'vite'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'tidings-uni-demo', private: true, version: '0.0.0', devDependencies }));
  return project;
}

/** Puts `fresh` where `target` was; a build that finished at the same moment may have put its own there first. */
function replaceFolder(target: string, fresh: string): void {
  for (let attempt = 0; ; attempt++) {
    rmSync(target, { recursive: true, force: true });
    try {
      return renameSync(fresh, target);
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
}

/** Builds one target; returns the output folder, or throws with everything the compiler printed. */
export function buildDemo(target: DemoTarget): string {
  const project = prepareProject(target);
  const outDir = demoOutput(target);
  const building = `${outDir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const args = target === 'h5' ? ['build'] : ['build', '-p', target];
  try {
    const result = spawnSync(process.execPath, [UNI_CLI, ...args], {
      cwd: project,
      env: { ...process.env, TIDINGS_ROOT: ROOT, UNI_INPUT_DIR: join(project, 'src'), UNI_OUTPUT_DIR: building, NODE_ENV: 'production' },
      encoding: 'utf8',
    });
    const output = `${result.stdout}\n${result.stderr}`;
    if (result.status !== 0 || /Build failed|error/i.test(result.stderr) || !/DONE\s+Build complete/.test(output)) {
      throw new Error(`uni build ${target} of the demo failed (exit ${result.status}):\n${output}`);
    }
    replaceFolder(outDir, building);
    return outDir;
  } finally {
    rmSync(project, { recursive: true, force: true });
    rmSync(building, { recursive: true, force: true });
  }
}

/** The newest modification time of a file or of anything under a folder; 0 when it does not exist. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** True when an output is missing or something under `sources` changed after the oldest output was written. */
export function isStale(outputs: string[], sources: string[]): boolean {
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
