import { request } from 'node:http';

export interface TusAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The error code of a JSON error answer, else null. */
  code: number | null;
}

/** One HTTP request to the files endpoint, with an upload token when one is given. */
export function filesRequest(
  baseURL: string,
  method: string,
  path: string,
  { token, headers = {}, body }: { token?: string; headers?: Record<string, string | number>; body?: Buffer } = {},
): Promise<TusAnswer> {
  const { hostname, port } = new URL(baseURL);
  const allHeaders: Record<string, string | number> = { 'tus-resumable': '1.0.0', ...headers };
  if (token) allHeaders.authorization = `Tidings ${token}`;
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, method, path, headers: allHeaders }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        let code: number | null = null;
        try {
          code = (JSON.parse(text) as { code?: number }).code ?? null;
        } catch {
          // no JSON body (HEAD, 204)
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, code });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Starts a `file` upload of `length` bytes and sends the first `sent` of them; the upload's path. */
export async function startUpload(baseURL: string, token: string, length: number, sent: number): Promise<string> {
  const created = await filesRequest(baseURL, 'POST', '/files', {
    token,
    headers: {
      'upload-length': length,
      'upload-metadata': `filename ${Buffer.from('notes.txt').toString('base64')},kind ${Buffer.from('file').toString('base64')}`,
    },
  });
  if (created.status !== 201) throw new Error(`upload not created: ${created.status}`);
  const path = created.headers.location as string;
  const patched = await filesRequest(baseURL, 'PATCH', path, {
    token,
    headers: { 'upload-offset': 0, 'content-type': 'application/offset+octet-stream' },
    body: Buffer.alloc(sent, 7),
  });
  if (patched.status !== 204) throw new Error(`upload not continued: ${patched.status}`);
  return path;
}
