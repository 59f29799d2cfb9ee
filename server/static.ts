import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { lookupTable } from '../protocol/fields';

/** Content types of what a web build holds; anything else goes out as bytes. */
const CONTENT_TYPES = lookupTable({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
});

export type StaticHandler = (request: IncomingMessage, response: ServerResponse) => void;

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
}

/**
 * The file a URL path names inside `root`, or null when the path is hostile: undecodable, a NUL,
 * a backslash, an encoded slash, or a `..` segment (clients normalise plain `/../`, so one that
 * arrives was crafted).
 */
function fileFor(root: string, rawPath: string): string | null {
  if (/%2f|%5c|%00/i.test(rawPath)) return null;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((segment) => segment === '..')) return null;
  const file = join(root, path);
  return file === root || file.startsWith(root + sep) ? file : null;
}

/** A regular file inside `root` (symlinks resolved), or null. */
function existingFile(root: string, file: string): string | null {
  try {
    const real = realpathSync(file);
    return real.startsWith(root + sep) && statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

function realFolder(dir: string): string {
  try {
    const real = realpathSync(dir);
    if (statSync(real).isDirectory()) return real;
  } catch {
    // reported below
  }
  throw new Error(`staticDir ${JSON.stringify(dir)} is not a folder; build the web app first or fix TIDINGS_STATIC.`);
}

/**
 * Serves the files under `root` for GET and HEAD. A path with no file and no extension gets
 * `index.html`, so a single-page app's routes load; a missing file with an extension (a script,
 * an image) is a 404, not HTML in its place. The caller routes API paths before this.
 */
export function serveStatic(rootDir: string): StaticHandler {
  const root = realFolder(rootDir);
  const index = join(root, 'index.html');
  return (request, response) => {
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return refuse(response, 405, 'Method not allowed');
    const rawPath = (request.url ?? '/').split('?')[0];
    const file = fileFor(root, rawPath);
    if (file === null) return refuse(response, 400, 'Bad path');
    const found = existingFile(root, file) ?? (extname(file) === '' ? existingFile(root, index) : null);
    if (found === null) return refuse(response, 404, 'Not found');
    const { size } = statSync(found);
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(found).toLowerCase()] ?? 'application/octet-stream',
      'content-length': size,
      'x-content-type-options': 'nosniff',
      // index.html names the hashed assets of the current build: always ask for it again.
      'cache-control': found === index || extname(found) === '.html' ? 'no-cache' : 'public, max-age=3600',
    });
    if (method === 'HEAD') return void response.end();
    createReadStream(found).pipe(response);
  };
}
