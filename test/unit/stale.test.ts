import { mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { isStale } from '../../demo/uni-app/build';
import { tempFolder } from '../helpers/files';

/** How `npm start` decides what to rebuild: by modification times of sources and outputs. */
describe('isStale', () => {
  const folder = tempFolder();
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
  const src = join(folder.dir, 'src');
  mkdirSync(join(src, 'pages'), { recursive: true });
  const page = folder.write('src/pages/page.vue', Buffer.from('<template />'));
  const config = folder.write('config.ts', Buffer.from(''));
  const outA = folder.write('out-a.js', Buffer.from(''));
  const outB = folder.write('out-b.js', Buffer.from(''));
  afterAll(() => folder.cleanup());

  beforeEach(() => {
    for (const path of [src, join(src, 'pages'), page, config]) at(path, 1000);
    at(outA, 2000);
    at(outB, 2000);
  });

  test('outputs newer than every source (files and folders, deep) are fresh', () => {
    expect(isStale([outA, outB], [src, config])).toBe(false);
  });

  test('a file deep in a source folder changed after the build', () => {
    at(page, 3000);
    expect(isStale([outA, outB], [src, config])).toBe(true);
  });

  test('the oldest output counts: one output older than a source is enough', () => {
    at(outB, 500);
    expect(isStale([outA, outB], [src, config])).toBe(true);
  });

  test('a missing output means build; a missing source is ignored', () => {
    expect(isStale([join(folder.dir, 'never-built.js')], [src])).toBe(true);
    expect(isStale([outA], [join(folder.dir, 'no-such-source')])).toBe(false);
  });
});
