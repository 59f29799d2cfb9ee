/** Size of the SDK bundle as a browser would fetch it: raw, minified, minified + gzip. */
import { existsSync, readFileSync } from 'node:fs';
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
