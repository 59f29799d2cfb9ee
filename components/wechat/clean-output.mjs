// Empties miniprogram_dist/components before tsc writes it, so a file deleted from the sources is not shipped by npm run pack.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

rmSync(join(dirname(fileURLToPath(import.meta.url)), '../../miniprogram_dist/components'), {
  recursive: true,
  force: true,
});
