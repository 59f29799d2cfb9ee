import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** demo/miniprogram: the DevTools project, and its miniprogramRoot (app.json, pages, config.js). */
export const DEMO_PROJECT = resolve(__dirname, '../../demo/miniprogram');
export const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

export interface ProjectConfig {
  appid: string;
  compileType: string;
  miniprogramRoot: string;
  setting: {
    packNpmManually: boolean;
    packNpmRelationList: Array<{ packageJsonPath: string; miniprogramNpmDistDir: string }>;
  };
}

export const projectConfig = () => readJson<ProjectConfig>(join(DEMO_PROJECT, 'project.config.json'));
export const appRootOf = (project = DEMO_PROJECT) => join(project, projectConfig().miniprogramRoot);

/**
 * The app (made once per test file) as WeChat DevTools runs it after `npm install` and Tools → Build npm: a copy of the miniprogramRoot
 * with miniprogram_npm/tidings holding the package's `miniprogram` folder (miniprogram_dist, which npm test builds).
 */
let built = '';
export function builtDemoApp(): string {
  if (built) return built;
  built = mkdtempSync(join(tmpdir(), 'tidings-demo-mp-'));
  cpSync(appRootOf(), built, { recursive: true, filter: (path) => !path.includes('miniprogram_npm') });
  cpSync(resolve(__dirname, '../../miniprogram_dist'), join(built, 'miniprogram_npm/tidings'), { recursive: true });
  return built;
}

/** A usingComponents value as WeChat resolves it: `/x` from the app root, `./x` or `../x` from the page, else an npm package. */
export function componentFile(appRoot: string, pageDir: string, value: string): string {
  if (value.startsWith('/')) return join(appRoot, value);
  if (value.startsWith('.')) return join(pageDir, value);
  return join(appRoot, 'miniprogram_npm', value);
}

/** The same, as an app-root path miniprogram-simulate understands (it knows no miniprogram_npm). */
export function simulatePathOf(value: string): string {
  return value.startsWith('/') || value.startsWith('.') ? value : `/miniprogram_npm/${value}`;
}
