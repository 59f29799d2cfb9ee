// Copies each WeChat component's .wxml, .wxss and .json next to the .js that tsc emitted, and the stylesheets
// the twins share (components/shared/styles/<name>.css) as <name>/<name>.wxss.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = dirname(fileURLToPath(import.meta.url));
const sharedStyles = join(source, '../shared/styles');
const target = join(source, '../../miniprogram_dist/components/wechat');
for (const entry of readdirSync(source, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  cpSync(join(source, entry.name), join(target, entry.name), {
    recursive: true,
    filter: (path) => !/\.(ts|md)$/.test(path),
  });
  const style = join(sharedStyles, `${entry.name}.css`);
  if (existsSync(style)) cpSync(style, join(target, entry.name, `${entry.name}.wxss`));
}
