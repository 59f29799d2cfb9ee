import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ErrorCode } from '../../protocol/errors';
import { FILES_PATH } from '../../protocol/upload-rules';
import { DiskUploadBytes, DiskUploadStates } from './disk-uploads';
import { serveDownload } from './download';
import { DiskFileStore, type FileStore } from './file-store';
import { effectiveMethod, sendError } from './http-util';
import { TusUploads } from './tus';

export interface FileService {
  store: FileStore;
  /** Answers the request if it is for `/files`; false if it is not. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
}

/** Files under `<dataDir>/files`, uploads in progress under `<dataDir>/uploads`. */
export async function createFileService(
  dataDir: string,
  secretKeys: ReadonlyMap<number, string>,
  log: Logger,
): Promise<FileService> {
  const store = new DiskFileStore(join(dataDir, 'files'));
  await store.init();
  const staging = join(dataDir, 'uploads');
  const states = new DiskUploadStates(staging);
  await states.init();
  const bytes = new DiskUploadBytes(staging);
  await bytes.init();
  const uploads = new TusUploads({ states, bytes, store, scratchDir: staging, secretKeys, log });
  return fileServiceOf(store, uploads, log);
}

/** `/files`: downloads from the store, tus uploads into it. */
export function fileServiceOf(store: FileStore, uploads: TusUploads, log: Logger): FileService {
  const route = async (request: IncomingMessage, response: ServerResponse, path: string): Promise<void> => {
    const method = effectiveMethod(request);
    const rest = path.slice(FILES_PATH.length);
    const key = rest === '' || rest === '/' ? null : decodeURIComponentSafe(rest.slice(1));
    if ((method === 'GET' || (method === 'HEAD' && !request.headers['tus-resumable'])) && key !== null) {
      return serveDownload(request, response, store, key, method);
    }
    return uploads.handle(request, response, method, key);
  };

  return {
    store,
    handle(request, response) {
      const path = (request.url ?? '/').split('?')[0];
      if (path !== FILES_PATH && !path.startsWith(`${FILES_PATH}/`)) return false;
      route(request, response, path).catch((error: unknown) => {
        log.error({ err: error }, 'files request failed');
        sendError(
          response,
          500,
          ErrorCode.SERVER_ERROR,
          'The server failed on this request; it was logged. Try again.',
        );
      });
      return true;
    },
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
