/**
 * `npm start`: builds what is missing or stale (the SDK's dist/, the uni-app demo's H5 build), then runs the
 * server in dev mode with the demo on the same port: open the address it prints in two windows and chat.
 * PORT, HOST and TIDINGS_DATA work as for `tidings start`; TIDINGS_STATIC and TIDINGS_DEV are set here.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildDemo, demoIsStale, demoOutput, isStale, ROOT } from '../demo/uni-app/build';
import { BUILD_OUTPUTS } from './pack/build-outputs';

/** What `npm run build` makes its outputs from. */
const SDK_SOURCES = [
  'protocol',
  'plugin',
  'adapters',
  'server',
  'components/shared',
  'components/wechat',
  'rollup.config.ts',
  'tsconfig.build.json',
  'package.json',
];

function step(text: string): void {
  process.stdout.write(`tidings: ${text}\n`);
}

const inRoot = (paths: readonly string[]) => paths.map((path) => join(ROOT, path));

if (isStale(inRoot(BUILD_OUTPUTS), inRoot(SDK_SOURCES))) {
  step('building the SDK (npm run build)…');
  // Under `npm start`, npm_execpath is npm's own script: running it with node works on every OS (npm.cmd needs a shell).
  const npmCLI = process.env.npm_execpath;
  const args = ['run', 'build', '--silent'];
  const result = npmCLI
    ? spawnSync(process.execPath, [npmCLI, ...args], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (demoIsStale('h5')) {
  step('building the uni-app demo for H5…');
  buildDemo('h5');
}

const server = spawn(process.execPath, [join(ROOT, 'bin/tidings.js'), 'start'], {
  cwd: process.cwd(),
  env: { ...process.env, TIDINGS_DEV: '1', TIDINGS_STATIC: demoOutput('h5') },
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
