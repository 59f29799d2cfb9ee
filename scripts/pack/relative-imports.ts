import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

/** `require("./x")`, `from './x'`, `import("./x")` and `import './x'`: the relative module references of compiled JS and declarations. */
const RELATIVE_REFERENCE = /(?:\brequire\(\s*|\bfrom\s+|\bimport\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;

export const relativeReferences = (source: string): string[] =>
  [...source.matchAll(RELATIVE_REFERENCE)].map((match) => match[2]);

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/** The file a reference means: JS files name JS files, declarations name declarations (`./x` → `./x.d.ts`, `./x.js` → `./x.d.ts`). */
function resolveReference(baseDir: string, fromFile: string, reference: string): string {
  const target = posix.join(posix.dirname(fromFile), reference);
  const candidates = fromFile.endsWith('.d.ts')
    ? [`${target}.d.ts`, `${target}/index.d.ts`, target.replace(/\.js$/, '.d.ts')]
    : [target, `${target}.js`, `${target}/index.js`, `${target}.json`];
  const found = candidates.find((candidate) => isFile(join(baseDir, candidate)));
  if (!found) throw new Error(`${fromFile} refers to ${reference}, which is not in ${baseDir}; run npm run build`);
  return found;
}

/**
 * Every file the `starts` need, following relative references from file to file; paths are relative to
 * `baseDir` with `/`, sorted. Package imports (`ws`, `node:fs`) are left to the package's dependencies.
 */
export function relativeClosure(baseDir: string, starts: readonly string[]): string[] {
  const found = new Set<string>();
  const pending = [...starts];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (found.has(file)) continue;
    found.add(file);
    if (file.endsWith('.json')) continue;
    for (const reference of relativeReferences(readFileSync(join(baseDir, file), 'utf8')))
      pending.push(resolveReference(baseDir, file, reference));
  }
  return [...found].sort();
}

/** The files under `folder` (relative to `baseDir`, with `/`) that `keep` accepts. */
export function filesUnder(baseDir: string, folder: string, keep: (path: string) => boolean): string[] {
  const root = join(baseDir, folder);
  if (!existsSync(root)) return [];
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .map((name) => join(dir, name))
      .flatMap((path) => (statSync(path).isDirectory() ? walk(path) : [relative(baseDir, path).split('\\').join('/')]));
  return walk(root).filter(keep).sort();
}
