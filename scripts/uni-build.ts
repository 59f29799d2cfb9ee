/**
 * Builds a uni-app (Vue 3) app with the real uni-app compiler. The uni CLI wants one project folder holding
 * `uni_modules`, so the app's sources and the tidings-chat plugin are copied into a project folder of this
 * build's own; the output replaces `outDir` only when complete, so two builds at once (npm start and a test)
 * cannot mix their files. The apps import dist/tidings.uni.mjs: run `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');
export const UNI_MODULES = join(ROOT, 'components/uni/uni_modules');
const UNI_CLI = join(ROOT, 'node_modules/@dcloudio/vite-plugin-uni/bin/uni.js');

export type UniTarget = 'h5' | 'mp-weixin';

export interface UniApp {
  /** The project's package name. */
  name: string;
  /** The folder holding `sources`. */
  appDir: string;
  /** What the project is made of, relative to `appDir` (the `src` folder, index.html, vite.config.ts). */
  sources: readonly string[];
}

function prepareProject(app: UniApp, project: string): void {
  rmSync(project, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  for (const file of app.sources) cpSync(join(app.appDir, file), join(project, file), { recursive: true });
  cpSync(UNI_MODULES, join(project, 'src/uni_modules'), { recursive: true });
  // The uni CLI turns its plugins on by the project's package.json dependencies (without them it silently
  // builds a plain Vite app); they resolve from the repository's node_modules.
  const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const rootDev = rootManifest.devDependencies;
  const devDependencies = Object.fromEntries(
    Object.entries(rootDev).filter(([name]) => name.startsWith('@dcloudio/') || name === 'vue' || name === 'vite'),
  );
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: app.name, private: true, version: '0.0.0', devDependencies }),
  );
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

/** Builds `app` for `target` into `outDir`; returns `outDir`, or throws with everything the compiler printed. */
export function buildUniApp(app: UniApp, target: UniTarget, outDir: string): string {
  const project = `${outDir}.project-${process.pid}`;
  const building = `${outDir}.building-${process.pid}`;
  prepareProject(app, project);
  rmSync(building, { recursive: true, force: true });
  const args = target === 'h5' ? ['build'] : ['build', '-p', target];
  try {
    const result = spawnSync(process.execPath, [UNI_CLI, ...args], {
      cwd: project,
      env: {
        ...process.env,
        TIDINGS_ROOT: ROOT,
        UNI_INPUT_DIR: join(project, 'src'),
        UNI_OUTPUT_DIR: building,
        NODE_ENV: 'production',
      },
      encoding: 'utf8',
    });
    const output = `${result.stdout}\n${result.stderr}`;
    if (result.status !== 0 || /Build failed|error/i.test(result.stderr) || !/DONE\s+Build complete/.test(output)) {
      throw new Error(`uni build ${target} of ${app.name} failed (exit ${result.status}):\n${output}`);
    }
    replaceFolder(outDir, building);
    return outDir;
  } finally {
    rmSync(project, { recursive: true, force: true });
    rmSync(building, { recursive: true, force: true });
  }
}
