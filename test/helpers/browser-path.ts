import { existsSync } from 'node:fs';

/** Debian's packages for the browser tests: Chromium, and CJK and emoji fonts so screenshots show Chinese text and faces. */
export const CHROMIUM_PACKAGES = ['chromium', 'fonts-wqy-microhei', 'fonts-noto-color-emoji'];
const FONT_FILES = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** What the browser tests lack here, in words; empty when everything is in place. */
export function missingBrowserParts(): string[] {
  const missing: string[] = [];
  if (!existsSync(chromiumPath())) missing.push(`Chromium (${chromiumPath()})`);
  if (!process.env.CHROMIUM_PATH && !FONT_FILES.every((file) => existsSync(file)))
    missing.push('the CJK and emoji fonts');
  return missing;
}
