/**
 * Picked files kept in IndexedDB (database `tidings-files`, one record per file under a random id),
 * so the outbox can resume a browser upload after a page reload: a File has no path to read again.
 */
import type { FileDescriptor } from '../plugin/platform';

const DATABASE = 'tidings-files';
const STORE = 'files';
const PATH_PREFIX = 'idb:';

/** The IndexedDB members used (the build has no DOM typings). */
interface IdbRequest<T> {
  readonly result: T;
  readonly error: Error | null;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}

interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  onupgradeneeded: (() => void) | null;
}

interface IdbDatabase {
  readonly objectStoreNames: { contains(name: string): boolean };
  createObjectStore(name: string): unknown;
  transaction(store: string, mode: 'readonly' | 'readwrite'): IdbTransaction;
}

interface IdbTransaction {
  objectStore(name: string): IdbStore;
  readonly error: Error | null;
  oncomplete: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

interface IdbStore {
  get(key: string): IdbRequest<unknown>;
  put(value: unknown, key: string): IdbRequest<unknown>;
  delete(key: string): IdbRequest<unknown>;
}

interface IdbFactory {
  open(name: string, version?: number): IdbOpenRequest;
}

/** A kept record: the Blob/File itself, or bytes. */
type KeptBytes = { slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> } } | ArrayBuffer;

export interface KeptFiles {
  /** The `idb:<id>` path of `file`'s copy, or null when this browser cannot keep it. */
  keep(file: FileDescriptor): Promise<string | null>;
  release(path: string): Promise<void>;
  isKept(path: string): boolean;
  read(path: string, start: number, end: number): Promise<ArrayBuffer>;
}

function indexedDBOf(globals: unknown): IdbFactory | null {
  try {
    // Some private modes throw on merely reading `indexedDB`.
    const factory = (globals as { indexedDB?: IdbFactory }).indexedDB;
    return factory && typeof factory.open === 'function' ? factory : null;
  } catch {
    return null;
  }
}

function settled<T>(request: IdbRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(factory: IdbFactory): Promise<IdbDatabase> {
  const request = factory.open(DATABASE, 1);
  request.onupgradeneeded = () => {
    if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
  };
  return settled(request);
}

/** Runs one request on the store and waits for its transaction to commit. */
async function inStore<T>(
  database: IdbDatabase,
  mode: 'readonly' | 'readwrite',
  run: (store: IdbStore) => IdbRequest<T>,
): Promise<T> {
  const transaction = database.transaction(STORE, mode);
  const committed = new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    const failed = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    transaction.onerror = failed;
    transaction.onabort = failed;
  });
  const result = await settled(run(transaction.objectStore(STORE)));
  await committed;
  return result;
}

function randomId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

/** Kept files in the IndexedDB of `globals` (the page's `globalThis`); `keep` answers null where there is none. */
export function keptFiles(globals: unknown): KeptFiles {
  let database: Promise<IdbDatabase | null> | null = null;
  const opened = () => {
    const factory = indexedDBOf(globals);
    if (!factory) return Promise.resolve(null);
    database ??= Promise.resolve(factory)
      .then(openDatabase)
      .catch(() => null);
    return database;
  };
  const idOf = (path: string) => path.slice(PATH_PREFIX.length);
  return {
    async keep(file) {
      const { source } = file;
      if (source.kind === 'path') return null;
      const opening = await opened();
      if (!opening) return null;
      const id = randomId();
      const bytes = source.kind === 'blob' ? source.blob : source.bytes;
      try {
        await inStore(opening, 'readwrite', (store) => store.put(bytes, id));
        return `${PATH_PREFIX}${id}`;
      } catch {
        return null;
      }
    },
    async release(path) {
      const opening = await opened();
      if (opening) await inStore(opening, 'readwrite', (store) => store.delete(idOf(path)));
    },
    isKept: (path) => path.startsWith(PATH_PREFIX),
    async read(path, start, end) {
      const opening = await opened();
      if (!opening) throw new Error(`cannot read ${path}: this browser has no IndexedDB`);
      const record = (await inStore(opening, 'readonly', (store) => store.get(idOf(path)))) as KeptBytes | undefined;
      if (!record) throw new Error(`the kept file ${path} is gone`);
      return record instanceof ArrayBuffer ? record.slice(start, end) : record.slice(start, end).arrayBuffer();
    },
  };
}
