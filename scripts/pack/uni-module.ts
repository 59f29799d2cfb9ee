import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

const MODULE_ID = 'tidings-chat';
/** Where the plugin-market copy keeps the SDK; its readme tells users to import it from here. */
export const BUNDLED_SDK = 'js_sdk/tidings.uni.js';

/**
 * The uni_modules plugin for the DCloud plugin market: the module folder as in the repository, plus the uni
 * SDK build inside it, so a market user needs no npm. The components never import the SDK (they get the chat
 * as a property), so only the app imports it. The zip holds the module's files at its root, as the market wants.
 */
export function packUniModule(root: string, outDir: string): { folder: string; zip: string } {
  const source = join(root, 'components/uni/uni_modules', MODULE_ID);
  const folder = join(outDir, 'uni_modules', MODULE_ID);
  cpSync(source, folder, { recursive: true });
  mkdirSync(join(folder, 'js_sdk'), { recursive: true });
  cpSync(join(root, 'dist/tidings.uni.mjs'), join(folder, BUNDLED_SDK));

  // Links into the repository (../../../../README.md) lead nowhere once the module is on its own.
  const readme = join(folder, 'readme.md');
  writeFileSync(readme, readFileSync(readme, 'utf8').replace(/\[([^\]]+)\]\(\.\.\/[^)]*\)/g, '$1'));

  const { version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string };
  const zip = join(outDir, `${MODULE_ID}-${version}.zip`);
  writeFileSync(zip, zipSync(filesOf(folder)));
  return { folder, zip };
}

function filesOf(folder: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(folder, path).split('\\').join('/')] = readFileSync(path);
    }
  };
  walk(folder);
  return files;
}
