import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Helpers for using a packed tarball as npm would install it, offline: extracted, with dependencies linked from the repository. */

export const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** The paths in a tarball, without npm's `package/` prefix. */
export const tarballEntries = (tarball: string): string[] =>
  execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ''));

/** Extracts a tarball as `node_modules/<name>` under `project`; returns the package folder. */
export function installTarball(project: string, name: string, tarball: string): string {
  const folder = join(project, 'node_modules', name);
  mkdirSync(folder, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', folder, '--strip-components=1']);
  return folder;
}

/**
 * Links `project/node_modules/<name>` to the repository's copy of each package, as an install would put it
 * there. Node resolves a link to its real path, so the packages' own dependencies are found beside them.
 */
export function linkDependencies(project: string, repositoryNodeModules: string, names: readonly string[]): void {
  for (const name of names) {
    const link = join(project, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(repositoryNodeModules, name), link, 'dir');
  }
}

/**
 * Runs Node in `project` with no NODE_PATH, so only the project's node_modules can satisfy an import; returns
 * its output. A failure throws with Node's stderr in the message.
 */
export function runNode(project: string, args: readonly string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [...args], {
    cwd: project,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_PATH: '', ...env },
  });
}
