/**
 * The uni_modules plugin must be self-contained (the DCloud plugin market ships only its folder),
 * so it carries a JS copy of `components/shared/spec.ts`. `npm run build:uni-spec` writes it;
 * test/uni/spec-copy.test.ts fails when the copy and the spec differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { transformSync } from 'esbuild';

export const SPEC_SOURCE = resolve(__dirname, '../shared/spec.ts');
export const SPEC_COPY = resolve(__dirname, 'uni_modules/tidings-chat/common/spec.js');

export function specCopySource(): string {
  const { code } = transformSync(readFileSync(SPEC_SOURCE, 'utf8'), { loader: 'ts', format: 'esm', target: 'es2018', charset: 'utf8' });
  return `// Generated from components/shared/spec.ts by \`npm run build:uni-spec\`: edit that file, not this one.\n${code}`;
}

if (require.main === module) {
  writeFileSync(SPEC_COPY, specCopySource());
  console.log(`wrote ${SPEC_COPY}`);
}
