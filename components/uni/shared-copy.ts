/**
 * The uni_modules plugin must be self-contained (the DCloud plugin market ships only its folder), so it carries
 * a JS copy of the view logic both twins share: every `components/shared/*.ts` as `common/<name>.js`, and the
 * shared stylesheets as `common/styles/*.css`. `npm run build:components` (and `npm run build:uni-shared`)
 * writes them; test/uni/components-contract.test.ts fails when a copy and its source differ.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { transformSync } from 'esbuild';

export const SHARED = resolve(__dirname, '../shared');
export const COMMON = resolve(__dirname, 'uni_modules/tidings-chat/common');

const GENERATED = 'Generated from components/shared/';

/** Relative path in COMMON → the text it must hold. */
export function sharedCopies(): Map<string, string> {
  const copies = new Map<string, string>();
  for (const file of readdirSync(SHARED).filter((name) => name.endsWith('.ts'))) {
    const { code } = transformSync(readFileSync(join(SHARED, file), 'utf8'), {
      loader: 'ts',
      format: 'esm',
      target: 'es2018',
      charset: 'utf8',
    });
    // uni-app and HBuilderX resolve `./spec.js`, not every toolchain resolves `./spec`.
    const withExtensions = code.replace(/(from\s+["']\.\/[\w-]+)(["'])/g, '$1.js$2');
    copies.set(
      file.replace(/\.ts$/, '.js'),
      `// ${GENERATED}${file} by \`npm run build:uni-shared\`: edit that file, not this one.\n${withExtensions}`,
    );
  }
  for (const file of readdirSync(join(SHARED, 'styles'))) {
    copies.set(
      `styles/${file}`,
      `/* ${GENERATED}styles/${file} by \`npm run build:uni-shared\`: edit that file, not this one. */\n${readFileSync(join(SHARED, 'styles', file), 'utf8')}`,
    );
  }
  return copies;
}

/** The generated files now in COMMON (those a removed source left behind included). */
export function generatedFiles(): string[] {
  const inFolder = (folder: string) =>
    existsSync(join(COMMON, folder))
      ? readdirSync(join(COMMON, folder)).map((name) => (folder ? `${folder}/${name}` : name))
      : [];
  return [...inFolder(''), ...inFolder('styles')].filter(
    (path) => path.includes('.') && readFileSync(join(COMMON, path), 'utf8').includes(GENERATED),
  );
}

export function writeSharedCopies(): void {
  for (const stale of generatedFiles()) rmSync(join(COMMON, stale));
  mkdirSync(join(COMMON, 'styles'), { recursive: true });
  for (const [path, text] of sharedCopies()) writeFileSync(join(COMMON, path), text);
}

if (require.main === module) {
  writeSharedCopies();
  console.log(`wrote ${COMMON}`);
}
