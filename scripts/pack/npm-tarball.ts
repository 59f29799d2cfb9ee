import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** `npm pack` into `outDir`, so the tarball holds exactly what package.json `files` names; returns its path. */
export function packNpmTarball(root: string, outDir: string): string {
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [result] = JSON.parse(output) as Array<{ filename: string }>;
  if (!result) throw new Error(`npm pack reported no tarball: ${output}`);
  return join(outDir, result.filename);
}
