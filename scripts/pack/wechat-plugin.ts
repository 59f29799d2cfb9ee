import { cpSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A WeChat mini-program plugin project: the template (plugin.json, the plugin's main module, doc/README.md,
 * project.config.json) with the built SDK and components copied into plugin/. The components keep their
 * miniprogram_dist paths, so their relative requires (../../shared/spec) still resolve.
 */
export function packWechatPlugin(root: string, outDir: string): string {
  const folder = join(outDir, 'wechat-plugin');
  cpSync(join(root, 'scripts/pack/wechat-plugin-template'), folder, { recursive: true });
  cpSync(join(root, 'miniprogram_dist/index.js'), join(folder, 'plugin/tidings.js'));
  cpSync(join(root, 'miniprogram_dist/components'), join(folder, 'plugin/components'), { recursive: true });
  return folder;
}
