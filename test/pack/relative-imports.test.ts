import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { filesUnder, relativeClosure, relativeReferences } from '../../scripts/pack/relative-imports';

/** How npm run pack finds the compiled files a package needs: relative requires and imports, followed from file to file. */
let base = '';
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(base, path)), { recursive: true });
  writeFileSync(join(base, path), text);
};

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'tidings-closure-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

test('relativeReferences finds require, from, import() and bare imports, and leaves packages alone', () => {
  const source = [
    'const a = require("./a");',
    "import { b } from '../b';",
    'type C = import("./c").C;',
    "import './d';",
    'const ws = require("ws");',
    "import { readFileSync } from 'node:fs';",
  ].join('\n');
  expect(relativeReferences(source)).toEqual(['./a', '../b', './c', './d']);
});

test('relativeClosure follows JS to JS and declarations to declarations, across folders', () => {
  write('server/index.js', 'require("./cli"); require("../plugin/errors");');
  write('server/index.d.ts', "export * from './cli';");
  write('server/cli.js', 'require("ws");');
  write('server/cli.d.ts', "import type { E } from '../plugin/errors';");
  write('plugin/errors.js', 'require("./codes.json"); require("./upload");');
  write('plugin/errors.d.ts', 'export type E = 1;');
  write('plugin/codes.json', '{}');
  write('plugin/upload/index.js', '');
  write('plugin/unused.js', '');
  expect(relativeClosure(base, ['server/index.js'])).toEqual([
    'plugin/codes.json',
    'plugin/errors.js',
    'plugin/upload/index.js',
    'server/cli.js',
    'server/index.js',
  ]);
  expect(relativeClosure(base, ['server/index.d.ts'])).toEqual([
    'plugin/errors.d.ts',
    'server/cli.d.ts',
    'server/index.d.ts',
  ]);
});

test('relativeClosure names a reference it cannot find', () => {
  write('server/index.js', 'require("./gone");');
  expect(() => relativeClosure(base, ['server/index.js'])).toThrow(
    /server\/index\.js refers to \.\/gone, which is not in .*run npm run build/,
  );
});

test("filesUnder lists a folder's files that pass the filter, and nothing for a missing folder", () => {
  write('dist/a.js', '');
  write('dist/a.js.map', '');
  write('dist/deep/b.d.ts', '');
  expect(filesUnder(base, 'dist', (path) => !path.endsWith('.map'))).toEqual(['dist/a.js', 'dist/deep/b.d.ts']);
  expect(filesUnder(base, 'missing', () => true)).toEqual([]);
});
