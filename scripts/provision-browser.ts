/**
 * `npm test`'s first step: the browser tests drive Debian's Chromium (never a downloaded browser build).
 * When it or the CJK and emoji fonts the screenshots need are missing, root installs them with apt-get;
 * anyone else is told in one line what to install or which CHROMIUM_PATH to set.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PACKAGES, chromiumPath, missingBrowserParts } from '../test/helpers/browser-path';

function main(): void {
  const missing = missingBrowserParts();
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (process.env.CHROMIUM_PATH || !isRoot || !existsSync('/usr/bin/apt-get')) {
    const how = process.env.CHROMIUM_PATH
      ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`
      : `run as root: apt-get install ${CHROMIUM_PACKAGES.join(' ')}, or set CHROMIUM_PATH to a Chromium binary`;
    console.error(`npm test needs ${missing.join(' and ')}: ${how}.`);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(' and ')} for the browser tests (apt-get, about a minute, once)…`);
  const apt = (...args: string[]) =>
    execFileSync('apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  apt('update', '-qq');
  apt('install', '-y', '-qq', ...CHROMIUM_PACKAGES);
  if (!existsSync(chromiumPath())) {
    console.error(`apt-get finished but ${chromiumPath()} is still missing.`);
    process.exit(1);
  }
}

main();
