/** Size of the SDK bundle as a browser would fetch it: raw, minified, minified + gzip. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import { REPO_ROOT } from './common';

export type BundleSize =
  | { file: string; present: false }
  | {
      file: string;
      present: true;
      rawBytes: number;
      gzipBytes: number;
      minBytes: number;
      minGzipBytes: number;
      minifier: string;
    };

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

/** Mini-program packages are capped at 2 MB: the SDK (core + wx adapter), minified and gzipped, keeps to this. */
export const WECHAT_BUDGET_BYTES = 40 * 1024;

/** The shipped SDK bundles; the WeChat one (core + wx adapter) has a size budget. */
export const BUNDLES = [
  { file: 'miniprogram_dist/index.js', label: 'WeChat (core + wx adapter)', budgetBytes: WECHAT_BUDGET_BYTES },
  { file: 'dist/tidings.uni.mjs', label: 'uni-app (core + uni adapter)' },
  { file: 'dist/tidings.browser.mjs', label: 'bundlers (core + uni, wx and web adapters)' },
  { file: 'dist/tidings.mjs', label: 'Node (core + node adapter; ws not included)' },
] as const;

export type LabelledBundle = BundleSize & { label: string; budgetBytes?: number };

export async function measureBundles(): Promise<LabelledBundle[]> {
  return Promise.all(
    BUNDLES.map(async (b) => ({
      ...(await measureBundle(b.file)),
      label: b.label,
      ...('budgetBytes' in b ? { budgetBytes: b.budgetBytes } : {}),
    })),
  );
}

/** The chat components' own weight: every file of a component package, raw and gzip (each file gzipped alone, as a mini-program package is). */
export interface ComponentsSize {
  label: string;
  folder: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

export const COMPONENT_PACKAGES = [
  { label: 'uni-app components (uni_modules/tidings-chat)', folder: 'components/uni/uni_modules/tidings-chat' },
  { label: 'WeChat components (built, as WeChat copies them)', folder: 'miniprogram_dist/components' },
] as const;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

export function measureComponents(): ComponentsSize[] {
  return COMPONENT_PACKAGES.map(({ label, folder }) => {
    const files = filesUnder(resolve(REPO_ROOT, folder)).map((file) => readFileSync(file));
    return {
      label,
      folder,
      files: files.length,
      rawBytes: files.reduce((sum, bytes) => sum + bytes.length, 0),
      gzipBytes: files.reduce((sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length, 0),
    };
  });
}
