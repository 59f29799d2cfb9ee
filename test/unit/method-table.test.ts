import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chatMethodNames, methodTable, README_LANGUAGES, withTable } from '../../scripts/method-table';
import { TENCENT_METHODS } from '../../scripts/tencent-methods';

const root = join(__dirname, '..', '..');

test('the reference list has the 149 instance methods of TencentCloudChat 3.6, each once', () => {
  const names = Object.values(TENCENT_METHODS).flat();
  expect(names).toHaveLength(149);
  expect(new Set(names).size).toBe(149);
});

test.each(Object.entries(README_LANGUAGES))(
  '%s has the current method table (else run `npm run method-table`)',
  (file, language) => {
    const readme = readFileSync(join(root, file), 'utf8');
    expect(withTable(readme, methodTable(language), file)).toBe(readme);
  },
);

test('the table marks what a chat instance has: login yes, once (not in Tidings) no', () => {
  const table = methodTable('en', chatMethodNames());
  const other = table.split('\n').find((row) => row.startsWith('| Other'))!;
  const [, , present, absent] = other.split('|');
  expect(present).toContain('`login`');
  expect(absent).toContain('`once`');
});
