import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, sep } from 'node:path';

/**
 * Which folder may import what (ARCHITECTURE.md, "The layers"), checked over every source file.
 * `violationsOf` is pure, so the cases at the bottom prove that a bad import is caught.
 */
const ROOT = join(__dirname, '../..');
const PLATFORM_GLOBAL = /\b(wx|uni|window|document|require|process|Buffer)\s*[.([]/;
const NPM_DEPENDENCIES = Object.keys(
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
    .dependencies,
);
/** Build scripts of components/ and demo/ run in Node at build time; they are not part of any app. */
const BUILD_TOOLING = /(^|\/)(build\.ts|vite\.config\.ts|shared-copy\.ts|[^/]+\.mjs)$/;

type BareRule = (specifier: string) => boolean;
const none: BareRule = () => false;
const nodeBuiltin: BareRule = (specifier) => specifier.startsWith('node:') || builtinModules.includes(specifier);
const publicPackage: BareRule = (specifier) => specifier === 'tidings' || specifier.startsWith('tidings/');
/** A uni-app project's installed uni_modules plugin (`@/` is the project's source root), such as tidings-chat. */
const uniModule: BareRule = (specifier) => specifier.startsWith('@/uni_modules/');

interface Layer {
  folder: string;
  /** Top-level folders a relative import may reach. */
  mayReach: readonly string[];
  /** Package names (not relative paths) it may import. */
  mayImportPackage: BareRule;
  platformFree: boolean;
  /** No `let`/`var` at module level: state lives in instances. */
  noModuleState: boolean;
}

const LAYERS: readonly Layer[] = [
  // Valibot is the one package: the schemas both sides validate with (docs/validation.md); it is platform-free and bundled into the SDK.
  {
    folder: 'protocol',
    mayReach: ['protocol'],
    mayImportPackage: (s) => s === 'valibot',
    platformFree: true,
    noModuleState: true,
  },
  {
    folder: 'plugin',
    mayReach: ['plugin', 'protocol'],
    mayImportPackage: none,
    platformFree: true,
    noModuleState: true,
  },
  {
    folder: 'adapters',
    mayReach: ['adapters', 'plugin', 'protocol'],
    mayImportPackage: (s) => nodeBuiltin(s) || s === 'ws',
    platformFree: false,
    noModuleState: true,
  },
  {
    folder: 'server',
    mayReach: ['server', 'protocol'],
    mayImportPackage: (s) => nodeBuiltin(s) || NPM_DEPENDENCIES.some((dep) => s === dep || s.startsWith(`${dep}/`)),
    platformFree: false,
    noModuleState: false,
  },
  // Components see the core only through the public package, and mostly not even that: they type it by shape (components/wechat/common/chat.ts).
  {
    folder: 'components',
    mayReach: ['components'],
    mayImportPackage: (s) => publicPackage(s) || s === 'vue',
    platformFree: false,
    noModuleState: false,
  },
  {
    folder: 'demo',
    mayReach: ['demo'],
    mayImportPackage: (s) => publicPackage(s) || uniModule(s) || s === 'vue',
    platformFree: false,
    noModuleState: false,
  },
];

const TOOLING_LAYER = (folder: string): Layer => ({
  folder,
  mayReach: [folder, 'scripts'],
  mayImportPackage: (s) => nodeBuiltin(s) || /^(vite|esbuild|@dcloudio\/)/.test(s),
  platformFree: false,
  noModuleState: false,
});

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** What a file's module code is: the whole file, or a Vue file's `<script>` blocks. */
function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.vue')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('\n');
}

/** Every module a file names: static and dynamic imports, re-exports and require(). */
function specifiersOf(code: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\s[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm,
    /^\s*import\s+['"]([^'"]+)['"]/gm,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]));
}

/** The top-level folder a relative import from `file` lands in ('..' when it leaves the project). */
function folderReached(file: string, specifier: string): string {
  const target = posix.normalize(posix.join(posix.dirname(file), specifier));
  return target.split('/')[0];
}

/** `file` is relative to the project root, with `/`; `code` is its text. */
function violationsOf(file: string, code: string, layer: Layer): string[] {
  const script = stripComments(scriptOf(file, code));
  const found: string[] = [];
  for (const specifier of specifiersOf(script)) {
    if (specifier.startsWith('.')) {
      const reached = folderReached(file, specifier);
      if (!layer.mayReach.includes(reached))
        found.push(
          `imports ${specifier} (${reached}/), but ${layer.folder}/ may reach only ${layer.mayReach.join(', ')}`,
        );
    } else if (!layer.mayImportPackage(specifier)) {
      found.push(`imports the package ${specifier}, which ${layer.folder}/ may not`);
    }
  }
  if (layer.platformFree && PLATFORM_GLOBAL.test(script))
    found.push(`uses a platform global: ${PLATFORM_GLOBAL.exec(script)![0]}`);
  if (layer.noModuleState && /^(export\s+)?(let|var)\s/m.test(script))
    found.push('keeps module-level mutable state (let/var at the top level)');
  return found;
}

const SOURCE = /\.(ts|js|mjs|vue)$/;
const SKIPPED = /(^|\/)(node_modules|unpackage|dist|miniprogram_npm)(\/|$)|\.d\.ts$/;

function sourcesOf(folder: string): string[] {
  return (readdirSync(join(ROOT, folder), { recursive: true }) as string[])
    .map((file) => join(folder, file).split(sep).join('/'))
    .filter((file) => SOURCE.test(file) && !SKIPPED.test(file));
}

const cases = LAYERS.flatMap((layer) =>
  sourcesOf(layer.folder).map((file) => ({
    file,
    layer: BUILD_TOOLING.test(file) ? TOOLING_LAYER(layer.folder) : layer,
  })),
);

describe('every folder imports only what its layer allows', () => {
  test.each(LAYERS.map((layer) => layer.folder))('%s/ has source files to check', (folder) => {
    expect(cases.filter(({ layer }) => layer.folder === folder).length).toBeGreaterThan(0);
  });

  test.each(cases)('$file', ({ file, layer }) => {
    expect(violationsOf(file, readFileSync(join(ROOT, file), 'utf8'), layer)).toEqual([]);
  });
});

describe('the layering check catches', () => {
  const layer = (folder: string) => LAYERS.find((candidate) => candidate.folder === folder)!;

  test.each([
    ['protocol/x.ts', "import { Message } from '../plugin/message';", 'protocol'],
    ['protocol/x.ts', "import { readFileSync } from 'node:fs';", 'protocol'],
    ['protocol/x.ts', "import Ajv from 'ajv';", 'protocol'],
    ['protocol/x.ts', 'export const online = () => window.navigator.onLine;', 'protocol'],
    ['plugin/x.ts', "import type { Platform } from '../adapters/platform';", 'plugin'],
    ['plugin/x.ts', "import WebSocket from 'ws';", 'plugin'],
    ['plugin/x.ts', "const fs = require('fs');", 'plugin'],
    ['plugin/x.ts', 'let connections = 0;', 'plugin'],
    ['plugin/upload/x.ts', "export { gateway } from '../../server/gateway';", 'plugin'],
    ['adapters/x.ts', "import { parseDraft } from '../server/validate';", 'adapters'],
    ['server/x.ts', "import { Message } from '../plugin/message';", 'server'],
    ['server/x.ts', "import { nodePlatform } from '../adapters/node';", 'server'],
    ['server/x.ts', "import leftpad from 'left-pad';", 'server'],
    ['components/wechat/x.ts', "import { TYPES } from '../../protocol/constants';", 'components'],
    ['components/uni/x.vue', "<script setup>\nimport { Chat } from '../../plugin/chat';\n</script>", 'components'],
    ['demo/miniprogram/x.js', "const { Chat } = require('../../plugin/chat');", 'demo'],
    ['demo/uni-app/src/x.vue', "<script>\nimport { Chat } from '@/../../../plugin/chat';\n</script>", 'demo'],
  ])('%s: %s', (file, code, folder) => {
    expect(violationsOf(file, code, layer(folder))).not.toEqual([]);
  });

  test('but not what the rules allow', () => {
    expect(
      violationsOf(
        'plugin/x.ts',
        "import { ErrorCode } from '../protocol/errors';\nimport { Message } from './message';",
        layer('plugin'),
      ),
    ).toEqual([]);
    expect(
      violationsOf(
        'server/x.ts',
        "import { createServer } from 'node:http';\nimport pino from 'pino';\nimport { TYPES } from '../protocol/constants';",
        layer('server'),
      ),
    ).toEqual([]);
    expect(violationsOf('demo/x.js', "const TencentCloudChat = require('tidings').default;", layer('demo'))).toEqual(
      [],
    );
  });
});
