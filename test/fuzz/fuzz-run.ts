import { ServerProcess } from '../helpers/server-process';
import { attack, prepareWorld, type AttackFigures, type AttackOptions } from './attack';
import { startHonestPair, type HonestFigures } from './honest-pair';
import { residentBytes, watchPeak } from './server-memory';

export interface FuzzRun {
  server: ServerProcess;
  figures: AttackFigures;
  honest: HonestFigures;
  /** The server's resident memory in bytes: before the attack, its highest during it, and a second after it. */
  rss: { before: number; peak: number; after: number };
  seconds: number;
}

/** How often the honest client sends while the attack runs. */
const HONEST_INTERVAL_MS = 20;
/** Time the server gets after the attack before its memory is read again. */
const SETTLE_MS = 1000;

/** Starts a server, attacks it beside an honest pair of SDK clients, and measures it; the caller closes `server`. */
export async function fuzzServer(options: AttackOptions): Promise<FuzzRun> {
  const server = await ServerProcess.start();
  const world = await prepareWorld(server);
  const pid = server.pid!;
  const before = residentBytes(pid);
  const peak = watchPeak(pid);
  const started = performance.now();
  const pair = await startHonestPair(server, HONEST_INTERVAL_MS);
  const figures = await attack(server, world, options);
  const honest = await pair.stop();
  const seconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const after = server.isRunning() ? residentBytes(pid) : 0;
  return { server, figures, honest, rss: { before, peak: peak.stop(), after }, seconds };
}
