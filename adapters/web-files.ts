import { normalizeFile } from './files';
import { keptFiles, type KeptFiles } from './web-kept-files';
import type { FileDescriptor, PlatformFiles, PlatformRequest, PlatformResponse } from '../plugin/platform';

/** The XMLHttpRequest members used: it, unlike fetch, reports upload progress. */
interface BrowserXHR {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body?: ArrayBuffer | string): void;
  getAllResponseHeaders(): string;
  readonly status: number;
  readonly responseText: string;
  onload: (() => void) | null;
  onerror: (() => void) | null;
  readonly upload: { onprogress: ((event: { loaded: number }) => void) | null };
}

const XHR = () => (globalThis as unknown as { XMLHttpRequest?: new () => BrowserXHR }).XMLHttpRequest;

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.trim().split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function xhrRequest(Request: new () => BrowserXHR, options: PlatformRequest): Promise<PlatformResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new Request();
    xhr.open(options.method, options.url);
    for (const [name, value] of Object.entries(options.headers)) xhr.setRequestHeader(name, value);
    if (options.onUploadProgress) xhr.upload.onprogress = ({ loaded }) => options.onUploadProgress?.(loaded);
    xhr.onload = () =>
      resolve({ status: xhr.status, headers: parseHeaders(xhr.getAllResponseHeaders()), body: xhr.responseText });
    xhr.onerror = () => reject(new Error(`${options.method} ${options.url} failed: network error`));
    xhr.send(options.body);
  });
}

async function fetchRequest(options: PlatformRequest): Promise<PlatformResponse> {
  const response = await fetch(options.url, { method: options.method, headers: options.headers, body: options.body });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
  const body = await response.text();
  const sent = typeof options.body === 'string' ? options.body.length : (options.body?.byteLength ?? 0);
  options.onUploadProgress?.(sent);
  return { status: response.status, headers, body };
}

async function readFile(kept: KeptFiles, file: FileDescriptor, start: number, end: number): Promise<ArrayBuffer> {
  const { source } = file;
  if (source.kind === 'blob') return source.blob.slice(start, end).arrayBuffer();
  if (source.kind === 'bytes') return source.bytes.slice(start, end);
  if (kept.isKept(source.path)) return kept.read(source.path, start, end);
  throw new Error(`a browser cannot read the path ${source.path}; pass a File, a Blob or an <input type="file">`);
}

/** Browsers: XMLHttpRequest (for upload progress) or fetch, Blob slices, and files kept in IndexedDB for the outbox. */
export function webFiles(): PlatformFiles {
  const kept = keptFiles(globalThis);
  return {
    canPatch: true,
    request: (options) => {
      const Request = XHR();
      return Request ? xhrRequest(Request, options) : fetchRequest(options);
    },
    readFile: (file, start, end) => readFile(kept, file, start, end),
    keepFile: (file) => kept.keep(file),
    releaseFile: (path) => kept.release(path),
    describeFile: normalizeFile,
  };
}
