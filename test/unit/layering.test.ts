import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** plugin/ is platform-free: the platform only arrives as an injected adapter. */
const PLUGIN = join(__dirname, '../../plugin');
const NODE_BUILTINS = ['fs', 'path', 'os', 'net', 'http', 'https', 'crypto', 'events', 'util', 'stream', 'buffer', 'child_process', 'url', 'tls', 'zlib'];

const sources = (readdirSync(PLUGIN, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, code: stripComments(readFileSync(join(PLUGIN, file), 'utf8')) }));

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

describe('plugin/ layering', () => {
  test.each(sources)('$file uses no platform globals', ({ code }) => {
    expect(code).not.toMatch(/\b(wx|uni|window|document|require|process|Buffer)\s*[.(\[]/);
  });

  test.each(sources)('$file imports no Node built-in, no ws, and adapters only as types', ({ code }) => {
    const imports = [...code.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+['"]([^'"]+)['"]/gm)];
    for (const [, , typeOnly, source] of imports) {
      expect(source).not.toMatch(/^node:/);
      expect(NODE_BUILTINS).not.toContain(source);
      expect(source).not.toBe('ws');
      if (source!.includes('adapters/')) expect(typeOnly).toBeTruthy();
      if (!typeOnly) expect(source).toMatch(/^\.\.?\//);
      if (!typeOnly) expect(source).not.toMatch(/adapters\//);
    }
  });

  test.each(sources)('$file keeps no module-level mutable state', ({ code }) => {
    expect(code).not.toMatch(/^(export\s+)?(let|var)\s/m);
  });
});
