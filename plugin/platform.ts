/**
 * What the core needs from a platform. `plugin/` sees only this interface; each file in
 * `adapters/` implements it for one runtime: wx, uni, web and node.
 */

export interface SocketCloseEvent {
  code: number;
  reason: string;
}

/** One WebSocket, shaped so a wx / uni SocketTask or a browser WebSocket can back it. Each `on*` sets the one handler. */
export interface PlatformSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onOpen(callback: () => void): void;
  onMessage(callback: (text: string) => void): void;
  onClose(callback: (event: SocketCloseEvent) => void): void;
  onError(callback: (error: Error) => void): void;
}

/** Small string values kept across app restarts where the platform can (wx/uni storage, localStorage). */
export interface PlatformStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

export type Unsubscribe = () => void;

export interface Platform extends PlatformFiles {
  /** Short, stable name used in error messages: 'node', 'wx', 'uni', 'web'. */
  readonly name: string;
  /** True when this runtime has what the adapter needs. */
  isSupported(): boolean;
  /** Starts connecting at once; the socket reports through its handlers. */
  connectSocket(url: string): PlatformSocket;
  readonly storage: PlatformStorage;
  /** The app came back to the foreground: a mini-program's sockets may have died while it was hidden. */
  onAppShow(callback: () => void): Unsubscribe;
  onAppHide(callback: () => void): Unsubscribe;
  /** The device went on or off line. */
  onNetworkChange(callback: (online: boolean) => void): Unsubscribe;
}

export const noSubscription: Unsubscribe = () => undefined;

/** Storage for runtimes without a persistent one (Node): kept for the life of the process. */
export function memoryStorage(): PlatformStorage {
  const values = new Map<string, string>();
  return {
    getItem: async (key) => values.get(key) ?? null,
    setItem: async (key, value) => void values.set(key, value),
    removeItem: async (key) => void values.delete(key),
  };
}

/** A Blob or File, as browsers, uni-app H5 and Node 20 have them; only what reading needs. */
export interface BlobLike {
  readonly size: number;
  readonly type: string;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** Where a file's bytes are: a Blob/File, a path the platform can read (wx temp paths, Node paths), or bytes in memory. */
export type FileSource =
  { kind: 'blob'; blob: BlobLike } | { kind: 'path'; path: string } | { kind: 'bytes'; bytes: ArrayBuffer };

/** One file, whatever picker or object it came from (see adapters/files.ts). */
export interface FileDescriptor {
  /** File name with extension; made up from the path when the picker gives none. */
  name: string;
  size: number;
  /** MIME type; '' when unknown. */
  type: string;
  source: FileSource;
  /** Audio and video length, in seconds, when the picker or recorder says it. */
  durationSeconds?: number;
  width?: number;
  height?: number;
  /** A video's thumbnail from the picker (wx.chooseMedia `thumbTempFilePath`). */
  thumb?: FileDescriptor;
}

/** One HTTP request. Bodies are ArrayBuffer (what wx.request takes) or text. */
export interface PlatformRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  url: string;
  headers: Record<string, string>;
  body?: ArrayBuffer | string;
  /** Bytes of the body sent so far, as the transfer goes (where the platform can tell). */
  onUploadProgress?: (sentBytes: number) => void;
}

export interface PlatformResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/** What uploads and downloads need from a platform. */
export interface PlatformFiles {
  /** False where the HTTP API has no PATCH (wx.request): tus then sends POST with X-HTTP-Method-Override. */
  readonly canPatch: boolean;
  /** Rejects only when no answer came (network error); any HTTP status resolves. */
  request(request: PlatformRequest): Promise<PlatformResponse>;
  /** Whatever the app passed as `payload.file`, as one FileDescriptor; null when it is not a file this platform knows. */
  describeFile(input: unknown): FileDescriptor | null;
  /** Bytes `start` (inclusive) to `end` (exclusive) of a blob or path file. */
  readFile(file: FileDescriptor, start: number, end: number): Promise<ArrayBuffer>;
  /**
   * Keeps a file without a path (a browser's File) across app restarts: answers a path this
   * platform's `readFile` reads after a restart, or null when it cannot keep it.
   */
  keepFile?(file: FileDescriptor): Promise<string | null>;
  /** Drops a file kept by `keepFile`. */
  releaseFile?(path: string): Promise<void>;
}
