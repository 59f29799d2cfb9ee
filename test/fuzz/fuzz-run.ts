import { ServerProcess } from '../helpers/server-process';
import { attack, prepareWorld, type AttackFigures, type AttackOptions } from './attack';
import { startHonestPair, type HonestFigures } from './honest-pair';
import { residentBytes, watchPeak } from './server-memory';

export interface FuzzRun {
  server: ServerProcess;
  figures: AttackFigures;
  honest: HonestFigures;
  /**
   * The server's resident memory in bytes: at start, after the warm-up (the attack's first frames: they
   * run every code path once and fill caches, and V8 keeps the heap it grew for them), its highest
   * during the rest, and a second after the end.
   */
  rss: { cold: number; before: number; peak: number; after: number };
  seconds: number;
}

/** How often the honest client sends while the attack runs. */
const HONEST_INTERVAL_MS = 20;
/** Time the server gets after the attack before its memory is read again. */
const SETTLE_MS = 1000;

/** Starts a server, attacks it beside an honest pair of SDK clients, and measures it; the caller closes `server`. */
export async function fuzzServer(options: AttackOptions & { warmUpFrames: number }): Promise<FuzzRun> {
  const server = await ServerProcess.start();
  const world = await prepareWorld(server);
  const pid = server.pid;
  const cold = residentBytes(pid);
  const started = performance.now();
  const pair = await startHonestPair(server, HONEST_INTERVAL_MS);
  const warmUp = await attack(server, world, { ...options, frames: options.warmUpFrames });
  const before = residentBytes(pid);
  const peak = watchPeak(pid);
  const rest = warmUp.counterexample
    ? null
    : await attack(server, world, { ...options, frames: options.frames - warmUp.framesSent });
  const honest = await pair.stop();
  const figures = rest ? joined(warmUp, rest) : warmUp;
  const seconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const after = server.isRunning() ? residentBytes(pid) : 0;
  return { server, figures, honest, rss: { cold, before, peak: peak.stop(), after }, seconds };
}

function joined(first: AttackFigures, second: AttackFigures): AttackFigures {
  return {
    framesSent: first.framesSent + second.framesSent,
    handlerCrashes: [...first.handlerCrashes, ...second.handlerCrashes],
    problems: [...first.problems, ...second.problems],
    counterexample: second.counterexample,
  };
}
