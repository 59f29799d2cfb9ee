import { parentPort, workerData } from 'node:worker_threads';
import { ChatError } from '../../protocol/errors';
import { SqliteStore } from './sqlite';
import { encodeResult, type StoreCall, type StoreReply } from './worker-protocol';

/** The store thread: owns the SQLite connection, so commits and their fsyncs never block the sockets. */
const port = parentPort!;
let store: SqliteStore;
try {
  store = new SqliteStore((workerData as { dataDir: string }).dataDir);
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ ready: false, message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

async function answer({ id, method, args }: StoreCall): Promise<void> {
  let reply: StoreReply;
  try {
    const call: unknown = (store as unknown as Record<string, unknown>)[method];
    if (typeof call !== 'function') throw new Error(`The store has no method ${method}`);
    reply = {
      id,
      ok: true,
      result: encodeResult(await (call as (...a: unknown[]) => Promise<unknown>).apply(store, args)),
    };
  } catch (error) {
    reply =
      error instanceof ChatError
        ? { id, ok: false, code: error.code, message: error.message }
        : {
            id,
            ok: false,
            message: error instanceof Error ? error.message : String(error),
            stack: error instanceof Error ? error.stack : undefined,
          };
  }
  port.postMessage(reply);
  if (method === 'commitMessages') flushSoon();
}

/** Derived conversation rows wait after a send (sqlite-derived.ts): written when due, and a second after the last send at the latest. */
let idleFlush: NodeJS.Timeout | undefined;
function flushSoon(): void {
  flushIfDue();
  clearTimeout(idleFlush);
  idleFlush = setTimeout(flushIfDue, 1100);
}

/** A failed write leaves the rows waiting and logged: the next call (every other method flushes first) tries again. */
function flushIfDue(): void {
  try {
    store.flushDerivedIfDue();
  } catch {
    // Nothing lost: the log keeps them, and a restart applies it.
  }
}

port.on('message', (call: StoreCall) => void answer(call));
