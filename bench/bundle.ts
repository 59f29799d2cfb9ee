/** Size of the SDK bundle as a browser would fetch it: raw, minified, minified + gzip. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import { REPO_ROOT } from './common';

export type BundleSize =
  | { file: string; present: false }
  | { file: string; present: true; rawBytes: number; gzipBytes: number; minBytes: number; minGzipBytes: number; minifier: string };

export async function measureBundle(file = 'dist/tidings.mjs'): Promise<BundleSize> {
  const path = resolve(REPO_ROOT, file);
  if (!existsSync(path)) return { file, present: false };
  const raw = readFileSync(path);
  const { code } = await transform(raw.toString('utf8'), { minify: true, format: 'esm', loader: 'js' });
  const gzip = (data: Buffer | string) => gzipSync(data, { level: 9 }).length;
  return {
    file,
    present: true,
    rawBytes: raw.length,
    gzipBytes: gzip(raw),
    minBytes: Buffer.byteLength(code),
    minGzipBytes: gzip(code),
    minifier: 'esbuild minify, gzip level 9',
  };
}

/** The shipped SDK bundles; the WeChat one (core + wx adapter) has a size budget. */
export const BUNDLES = [
  { file: 'miniprogram_dist/index.js', label: 'WeChat (core + wx adapter)', budgetBytes: 30 * 1024 },
  { file: 'dist/tidings.uni.mjs', label: 'uni-app (core + uni adapter)' },
  { file: 'dist/tidings.browser.mjs', label: 'bundlers (core + uni, wx and web adapters)' },
  { file: 'dist/tidings.mjs', label: 'Node (core + node adapter; ws not included)' },
] as const;

export type LabelledBundle = BundleSize & { label: string; budgetBytes?: number };

/** The WeChat components' own weight: every built file (.js, .wxml, .wxss, .json) as shipped, summed; WeChat minifies on upload. */
export function measureComponents(folder = 'miniprogram_dist/components'): LabelledBundle {
  const label = 'WeChat components (all built files, as shipped)';
  const root = resolve(REPO_ROOT, folder);
  if (!existsSync(root)) return { file: folder, present: false, label };
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => readFileSync(resolve(entry.parentPath, entry.name)));
  const rawBytes = files.reduce((sum, bytes) => sum + bytes.length, 0);
  const gzipBytes = files.reduce((sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length, 0);
  return { file: folder, present: true, rawBytes, gzipBytes, minBytes: rawBytes, minGzipBytes: gzipBytes, minifier: 'none (gzip level 9 per file, summed)', label };
}

export async function measureBundles(): Promise<LabelledBundle[]> {
  const bundles = await Promise.all(BUNDLES.map(async (b) => ({ ...(await measureBundle(b.file)), label: b.label, ...('budgetBytes' in b ? { budgetBytes: b.budgetBytes } : {}) })));
  return [...bundles, measureComponents()];
}
