// npm run pack: the distributions in dist/packages/ (the npm packages tidings and tidings-server, staged in
// npm/ and packed as tarballs; the uni_modules plugin-market module as a folder and a zip; the WeChat plugin
// project), building first if a build output is missing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ensureBuilt } from './pack/build-outputs';
import { type NpmPackages, packNpmPackages } from './pack/npm-packages';
import { packUniModule } from './pack/uni-module';
import { packWechatPlugin } from './pack/wechat-plugin';

export interface Packages {
  npm: NpmPackages;
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
  return {
    npm: packNpmPackages(root, outDir),
    uniModule: packUniModule(root, outDir),
    wechatPlugin: packWechatPlugin(root, outDir),
  };
}

if (require.main === module) {
  const root = resolve(__dirname, '..');
  try {
    const made = pack(root);
    const show = (path: string) => relative(root, path);
    console.log(
      [
        'npm run pack made:',
        `  npm, the SDK:    ${show(made.npm.sdk.tarball)} (staged in ${show(made.npm.sdk.folder)})`,
        `  npm, the server: ${show(made.npm.server.tarball)} (staged in ${show(made.npm.server.folder)})`,
        `  uni_modules:     ${show(made.uniModule.folder)} and ${show(made.uniModule.zip)}`,
        `  WeChat plugin:   ${show(made.wechatPlugin)}`,
      ].join('\n'),
    );
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
