import type { IncomingMessage, ServerResponse } from 'node:http';

export const TUS_VERSION = '1.0.0';

/** Web apps upload across origins: every files response allows it, and exposes the tus headers. */
export const CORS_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, POST, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers':
    'Authorization, Content-Type, Range, Tus-Resumable, Upload-Length, Upload-Metadata, Upload-Offset, X-HTTP-Method-Override',
  'access-control-expose-headers':
    'Location, Upload-Offset, Upload-Length, Tus-Resumable, Tus-Version, Tus-Extension, Tus-Max-Size, Content-Range, Content-Disposition',
});

/** An error answer: the status, and `{ code, msg }` with the same code the SDK would give. */
export function sendError(response: ServerResponse, status: number, code: number, msg: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = JSON.stringify({ code, msg });
  response.writeHead(status, {
    ...CORS_HEADERS,
    'tus-resumable': TUS_VERSION,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** wx.request has no PATCH: tus clients there send POST with `X-HTTP-Method-Override: PATCH`. */
export function effectiveMethod(request: IncomingMessage): string {
  const override = request.headers['x-http-method-override'];
  const method = (request.method ?? 'GET').toUpperCase();
  if (method === 'POST' && typeof override === 'string' && override.trim() !== '') return override.trim().toUpperCase();
  return method;
}

export function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A whole number of bytes from a header, or null. */
export function byteCount(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,16}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/** tus `Upload-Metadata`: `key base64,key base64`; null when malformed. */
export function parseMetadata(value: string | undefined): Map<string, string> | null {
  const result = new Map<string, string>();
  if (value === undefined || value.trim() === '') return result;
  if (value.length > 4096) return null;
  for (const pair of value.split(',')) {
    const [key, encoded = '', extra] = pair.trim().split(' ');
    if (!key || extra !== undefined || !/^[A-Za-z0-9+/=]*$/.test(encoded)) return null;
    result.set(key, Buffer.from(encoded, 'base64').toString('utf8'));
  }
  return result;
}
