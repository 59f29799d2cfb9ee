/**
 * Upload throughput: a 100 MB file sent as a file message through the SDK (tus, 4 MB parts, to the
 * real server, which writes it to disk), next to one plain HTTP PUT of the same bytes to a bare
 * sink on the same machine (bench/put-sink.ts). Each is run `rounds` times; the best counts.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import TencentCloudChat from '../adapters/entry.node';
import { genUserSig } from '../server/auth/usersig';
import { BENCH_SDKAPPID, BENCH_SECRET_KEY, spawnTypeScript } from './common';
import { startTidings } from './server';

export interface UploadResult {
  bytes: number;
  rounds: number;
  /** MB/s (1 MB = 2^20 bytes) of each round. */
  sdkMBps: number[];
  putMBps: number[];
  /** onProgress calls in the last SDK round: progress comes from the transfer, not only at the end. */
  progressCalls: number;
}

const MB = 1024 * 1024;

function startSink(): Promise<{ url: string; stop(): void }> {
  const child = spawnTypeScript(resolve(__dirname, 'put-sink.ts'), [], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveStarted, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolveStarted({ url: match[1], stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`put sink exited with ${code}`)));
  });
}

function put(url: string, path: string, size: number): Promise<void> {
  return new Promise((done, fail) => {
    const request = httpRequest(
      `${url}/upload`,
      { method: 'PUT', headers: { 'content-length': String(size), 'content-type': 'application/octet-stream' } },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 204 ? done() : fail(new Error(`PUT answered ${response.statusCode}`)),
        );
      },
    );
    request.on('error', fail);
    createReadStream(path).pipe(request);
  });
}

export async function measureUpload(rounds = 2, megabytes = 100): Promise<UploadResult> {
  const bytes = megabytes * MB;
  const dir = mkdtempSync(join(tmpdir(), 'tidings-bench-upload-'));
  const path = join(dir, 'video.mp4');
  const content = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4) content.writeUInt32LE((i * 2654435761) >>> 0, i);
  writeFileSync(path, content);
  const tidings = await startTidings();
  const sink = await startSink();
  const serverURL = tidings.socketURL.replace(/^ws/, 'http').replace(/\/ws$/, '');
  const chat = TencentCloudChat.create({ SDKAppID: BENCH_SDKAPPID, serverURL });
  const result: UploadResult = { bytes, rounds, sdkMBps: [], putMBps: [], progressCalls: 0 };
  try {
    await chat.login({
      userID: 'uploader',
      userSig: genUserSig({ SDKAppID: BENCH_SDKAPPID, secretKey: BENCH_SECRET_KEY, userID: 'uploader' }),
    });
    for (let round = 0; round < rounds; round++) {
      let started = performance.now();
      await put(sink.url, path, bytes);
      result.putMBps.push(megabytes / ((performance.now() - started) / 1000));
      let calls = 0;
      const message = chat.createFileMessage({
        to: 'receiver',
        conversationType: 'C2C',
        payload: { file: { tempFiles: [{ path, size: bytes, name: 'video.mp4' }] } },
        onProgress: () => calls++,
      });
      started = performance.now();
      await chat.sendMessage(message);
      result.sdkMBps.push(megabytes / ((performance.now() - started) / 1000));
      result.progressCalls = calls;
    }
  } finally {
    await chat.destroy();
    sink.stop();
    await tidings.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
