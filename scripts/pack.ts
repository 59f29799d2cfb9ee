// npm run pack: the three distributions in dist/packages/ (the npm tarball, the uni_modules plugin-market
// module as a folder and a zip, and the WeChat plugin project), building first if a build output is missing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ensureBuilt } from './pack/build-outputs';
import { packNpmTarball } from './pack/npm-tarball';
import { packUniModule } from './pack/uni-module';
import { packWechatPlugin } from './pack/wechat-plugin';

export interface Packages {
  tarball: string;
  uniModule: { folder: string; zip: string };
  wechatPlugin: string;
}

function runBuild(root: string): void {
  console.log('npm run pack: a build output is missing, running npm run build first');
  spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}

export function pack(root: string, build: () => void = () => runBuild(root)): Packages {
  ensureBuilt(root, build);
  const outDir = join(root, 'dist/packages');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  return { tarball: packNpmTarball(root, outDir), uniModule: packUniModule(root, outDir), wechatPlugin: packWechatPlugin(root, outDir) };
}

if (require.main === module) {
  const root = resolve(__dirname, '..');
  try {
    const made = pack(root);
    const show = (path: string) => relative(root, path);
    console.log(['npm run pack made:', `  npm:         ${show(made.tarball)}`, `  uni_modules: ${show(made.uniModule.folder)} and ${show(made.uniModule.zip)}`, `  WeChat plugin: ${show(made.wechatPlugin)}`].join('\n'));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
