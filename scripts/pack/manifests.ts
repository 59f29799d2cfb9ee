/**
 * The package.json files of the two npm packages, made from the repository's own (development) package.json.
 * The SDK gets no dependencies, because WeChat DevTools' Build npm builds a package's `dependencies` into the
 * mini-program; the server gets the repository's runtime dependencies (native better-sqlite3 and sharp, pino, ws).
 */

export type Exports = Record<string, string | Record<string, unknown>>;

/** The fields of the repository's package.json that the packages are made from. */
export interface RootManifest {
  name: string;
  version: string;
  description?: string;
  license?: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  main?: string;
  module?: string;
  types?: string;
  exports?: Exports;
  miniprogram?: string;
  [field: string]: unknown;
}

export interface PackageManifest {
  name: string;
  version: string;
  [field: string]: unknown;
}

export const SDK_NAME = 'tidings';
export const SERVER_NAME = 'tidings-server';
export const SERVER_ENTRY = 'dist/node/server/index.js';
export const SERVER_TYPES = 'dist/node/server/index.d.ts';
export const CLI_NAME = 'tidings';
export const CLI_FILE = 'bin/tidings.js';
/** The Node build (dist/tidings.mjs/.cjs) imports `ws`; mini-programs, uni-app and browsers never load it. */
export const NODE_SOCKET_PACKAGE = 'ws';

/** Fields both packages take from the root as they are, when the root has them. */
const SHARED_FIELDS = [
  'description',
  'keywords',
  'license',
  'author',
  'homepage',
  'repository',
  'bugs',
  'engines',
] as const;

function sharedFields(root: RootManifest): Record<string, unknown> {
  return Object.fromEntries(
    SHARED_FIELDS.filter((field) => root[field] !== undefined).map((field) => [field, root[field]]),
  );
}

/** `^8.23.0` → `^8`: any ws of the major version the SDK is built and tested against. */
export function majorRange(range: string): string {
  const major = /\d+/.exec(range)?.[0];
  if (major === undefined) throw new Error(`cannot read a major version from the range ${JSON.stringify(range)}`);
  return `^${major}`;
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new Error(`package.json has no ${field}, which the npm packages are made from`);
  return value;
}

/** The SDK: the root's entry points without `./server`, the WeChat `miniprogram` folder, no dependencies, ws as an optional peer. */
export function sdkManifest(root: RootManifest, files: readonly string[]): PackageManifest {
  // Not named `exports`: compiled to CommonJS, that would hide the module's own exports object.
  const entryPoints = Object.fromEntries(
    Object.entries(required(root.exports, 'exports')).filter(([subpath]) => subpath !== './server'),
  );
  const wsRange = required(root.dependencies?.[NODE_SOCKET_PACKAGE], `dependencies.${NODE_SOCKET_PACKAGE}`);
  return {
    name: SDK_NAME,
    version: root.version,
    ...sharedFields(root),
    main: required(root.main, 'main'),
    module: required(root.module, 'module'),
    types: required(root.types, 'types'),
    exports: entryPoints,
    miniprogram: required(root.miniprogram, 'miniprogram'),
    files: [...files],
    dependencies: {},
    peerDependencies: { [NODE_SOCKET_PACKAGE]: majorRange(wsRange) },
    peerDependenciesMeta: { [NODE_SOCKET_PACKAGE]: { optional: true } },
  };
}

/** The server: `require('tidings-server')` and the `tidings` command, with the root's runtime dependencies. */
export function serverManifest(root: RootManifest, files: readonly string[]): PackageManifest {
  return {
    name: SERVER_NAME,
    version: root.version,
    ...sharedFields(root),
    description: `The self-hosted server for the ${SDK_NAME} chat SDK: WebSocket chat, uploads, userSigs, and the ${CLI_NAME} command.`,
    main: SERVER_ENTRY,
    types: SERVER_TYPES,
    exports: { '.': { types: `./${SERVER_TYPES}`, default: `./${SERVER_ENTRY}` }, './package.json': './package.json' },
    bin: { [CLI_NAME]: CLI_FILE },
    files: [...files],
    dependencies: { ...required(root.dependencies, 'dependencies') },
  };
}

/** Every declaration file a manifest's `types` and its exports' `types` name, without `./`. */
export function declarationEntries(manifest: PackageManifest): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string' && key === 'types') found.add(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object')
      for (const [field, inner] of Object.entries(value)) visit(inner, field);
  };
  visit(manifest.types, 'types');
  visit(manifest.exports, 'exports');
  return [...found].sort();
}
