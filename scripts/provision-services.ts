/**
 * `npm test`'s second step: the tests run against real PostgreSQL and Redis, started by the test run
 * itself where the machine runs none (test/setup/services-setup.ts). When their programs are missing,
 * root installs them with apt-get; anyone else is told in one line what to install.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { missingServiceParts, SERVICE_PACKAGES } from '../test/helpers/service-binaries';

/** Debian's hook that lets a package start its service on install; exit 101 says "do not". */
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/**
 * The packages would start a machine-wide PostgreSQL and Redis on install; the tests start their own
 * in temp folders instead, so npm test leaves no service running. An existing policy is kept as it is.
 */
function withoutServiceStarts(install: () => void): void {
  if (existsSync(POLICY_RC_D)) return install();
  writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    install();
  } finally {
    rmSync(POLICY_RC_D, { force: true });
  }
}

function main(): void {
  const missing = missingServiceParts();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `npm test needs ${missing.join(' and ')}: run as root: apt-get install ${SERVICE_PACKAGES.join(' ')} (or your system's PostgreSQL and Redis server packages).`,
    );
    process.exit(1);
  }
  console.log(`Installing ${missing.join(' and ')} for the tests (apt-get, once)…`);
  const apt = (...args: string[]) =>
    execFileSync('apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  withoutServiceStarts(() => {
    apt('update', '-qq');
    apt('install', '-y', '-qq', ...SERVICE_PACKAGES);
  });
  const still = missingServiceParts();
  if (still.length > 0) {
    console.error(`apt-get finished but ${still.join(' and ')} are still missing.`);
    process.exit(1);
  }
}

main();
