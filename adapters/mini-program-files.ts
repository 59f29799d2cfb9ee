import { normalizeFile } from './files';
import type { FileDescriptor, PlatformFiles, PlatformRequest, PlatformResponse } from '../plugin/platform';

type Callback<T> = (result: T) => void;

/**
 * `wx.request` / `uni.request` and the FileSystemManager, as their docs give them:
 * https://developers.weixin.qq.com/miniprogram/dev/api/network/request/wx.request.html (no PATCH; ArrayBuffer bodies)
 * https://developers.weixin.qq.com/miniprogram/dev/api/file/FileSystemManager.readFile.html (`position`/`length`, base library ≥ 2.10.0)
 * https://uniapp.dcloud.net.cn/api/request/request.html
 */
export interface MiniProgramRequestApi {
  request(options: {
    url: string;
    method: string;
    header: Record<string, string>;
    data?: ArrayBuffer | string;
    dataType: string;
    responseType: 'text';
    success: Callback<{ statusCode: number; header: Record<string, string>; data: unknown }>;
    fail: Callback<{ errMsg: string }>;
  }): unknown;
  getFileSystemManager?(): MiniProgramFileSystem;
}

export interface MiniProgramFileSystem {
  readFile(options: {
    filePath: string;
    position: number;
    length: number;
    success: Callback<{ data: ArrayBuffer }>;
    fail: Callback<{ errMsg: string }>;
  }): void;
  statSync(path: string): { size: number };
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = String(value);
  return result;
}

/** Requests and file reading for wx and uni. Progress is reported per request: wx.request tells nothing sooner. */
export function miniProgramFiles(api: () => MiniProgramRequestApi): PlatformFiles {
  const fileSystem = (): MiniProgramFileSystem => {
    const manager = api().getFileSystemManager?.();
    if (!manager) throw new Error('this platform has no FileSystemManager to read picked files with');
    return manager;
  };

  const request = (options: PlatformRequest): Promise<PlatformResponse> =>
    new Promise((resolve, reject) => {
      const bodyBytes = typeof options.body === 'string' ? options.body.length : (options.body?.byteLength ?? 0);
      api().request({
        url: options.url,
        method: options.method,
        header: options.headers,
        data: options.body,
        // Anything but 'json' leaves the body as text.
        dataType: 'text',
        responseType: 'text',
        success: ({ statusCode, header, data }) => {
          options.onUploadProgress?.(bodyBytes);
          resolve({ status: statusCode, headers: lowerCaseKeys(header), body: typeof data === 'string' ? data : '' });
        },
        fail: ({ errMsg }) => reject(new Error(errMsg)),
      });
    });

  const readFile = (file: FileDescriptor, start: number, end: number): Promise<ArrayBuffer> => {
    const { source } = file;
    // uni-app H5 pickers give File objects.
    if (source.kind === 'blob') return source.blob.slice(start, end).arrayBuffer();
    if (source.kind === 'bytes') return Promise.resolve(source.bytes.slice(start, end));
    return new Promise((resolve, reject) =>
      fileSystem().readFile({
        filePath: source.path,
        position: start,
        length: end - start,
        success: ({ data }) => resolve(data),
        fail: ({ errMsg }) => reject(new Error(errMsg)),
      }),
    );
  };

  const describeFile = (input: unknown): FileDescriptor | null => {
    const file = normalizeFile(input);
    // A video thumbnail's size is not in the picker's result.
    if (file?.thumb && file.thumb.size < 0 && file.thumb.source.kind === 'path') {
      try {
        file.thumb.size = fileSystem().statSync(file.thumb.source.path).size;
      } catch {
        delete file.thumb;
      }
    }
    return file;
  };

  return { canPatch: false, request, readFile, describeFile };
}
