import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CLI_FILE,
  declarationEntries,
  type PackageManifest,
  type RootManifest,
  SDK_NAME,
  SERVER_NAME,
  sdkManifest,
  serverManifest,
} from './manifests';
import { filesUnder, relativeClosure } from './relative-imports';

/** A package as staged in dist/packages/npm/<name>/, and the tarball `npm pack` made of that folder. */
export interface NpmPackage {
  folder: string;
  tarball: string;
}

export interface NpmPackages {
  sdk: NpmPackage;
  server: NpmPackage;
}

const LICENSE = 'LICENSE';
const SERVER_README = 'scripts/pack/server-package/README.md';
const notSourceMap = (path: string) => !path.endsWith('.map');

export const readRootManifest = (root: string): RootManifest =>
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as RootManifest;

/** The top-level names of `paths`, for the manifest's `files`. */
const topLevel = (paths: readonly string[]): string[] =>
  [...new Set(paths.map((path) => path.split('/')[0]))].filter((name) => name !== 'package.json').sort();

/** Copies `files` (paths relative to `root`) into `folder` at the same paths, and writes the manifest made for them. */
function stage(
  root: string,
  folder: string,
  files: ReadonlyMap<string, string>,
  manifest: (files: string[]) => PackageManifest,
): void {
  for (const [from, to] of files) {
    mkdirSync(dirname(join(folder, to)), { recursive: true });
    cpSync(join(root, from), join(folder, to));
  }
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest(topLevel([...files.values()])), null, 2)}\n`);
}

const samePaths = (paths: readonly string[]): Map<string, string> => new Map(paths.map((path) => [path, path]));
const licenseOf = (root: string): string[] => (existsSync(join(root, LICENSE)) ? [LICENSE] : []);

/** What the SDK package holds: the bundles, the declarations its `types` need, miniprogram_dist, the README and docs. */
export function sdkFiles(root: string): string[] {
  const bundles = readdirSync(join(root, 'dist'))
    .filter((name) => name.startsWith(`${SDK_NAME}.`))
    .map((name) => `dist/${name}`);
  const declarations = relativeClosure(root, declarationEntries(sdkManifest(readRootManifest(root), [])));
  const miniprogram = filesUnder(root, 'miniprogram_dist', notSourceMap);
  const docs = filesUnder(root, 'docs', () => true);
  return [...bundles, ...declarations, ...miniprogram, ...docs, 'README.md', ...licenseOf(root)];
}

/** What the server package holds: the CLI, the compiled server and the SDK modules it requires (errors, protocol, constants). */
export function serverFiles(root: string): Map<string, string> {
  const compiled = relativeClosure(root, filesUnder(root, 'dist/node/server', notSourceMap));
  return new Map([...samePaths([CLI_FILE, ...compiled, ...licenseOf(root)]), [SERVER_README, 'README.md']]);
}

/** `npm pack` of a staged folder into `outDir`; returns the tarball's path. */
function npmPack(folder: string, outDir: string): string {
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
    cwd: folder,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [result] = JSON.parse(output) as Array<{ filename: string }>;
  if (!result) throw new Error(`npm pack reported no tarball: ${output}`);
  return join(outDir, result.filename);
}

/** Stages `tidings` and `tidings-server` in `outDir`/npm/ and packs each into `outDir`. */
export function packNpmPackages(root: string, outDir: string): NpmPackages {
  const rootManifest = readRootManifest(root);
  const sdkFolder = join(outDir, 'npm', SDK_NAME);
  stage(root, sdkFolder, samePaths(sdkFiles(root)), (files) => sdkManifest(rootManifest, files));
  const serverFolder = join(outDir, 'npm', SERVER_NAME);
  stage(root, serverFolder, serverFiles(root), (files) => serverManifest(rootManifest, files));
  return {
    sdk: { folder: sdkFolder, tarball: npmPack(sdkFolder, outDir) },
    server: { folder: serverFolder, tarball: npmPack(serverFolder, outDir) },
  };
}
