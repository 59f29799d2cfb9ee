/**
 * `npm run fuzz`: a long attack on a real server, with the figures docs/reliability.md quotes.
 * FUZZ_FRAMES (default 200000) sets its length, FUZZ_SEED replays a run, FUZZ_STRICT=1 stops at the
 * first 90500 and shrinks it to the smallest frame that causes it.
 */
import { fuzzServer } from './fuzz-run';
import { percentile } from './honest-pair';
import type { AttackFigures } from './attack';

const MB = 1024 * 1024;

function numberFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive whole number, got ${text}`);
  return value;
}

/** The crashes grouped by the op and the first change that made the frame, with the shortest frame of each group. */
function crashClasses(crashes: AttackFigures['handlerCrashes']): string[] {
  const classes = new Map<string, { count: number; shortest: string }>();
  for (const crash of crashes) {
    const key = crash.describe.replace(/^(user|anonymous) socket, /, '').split(';')[0];
    const seen = classes.get(key);
    if (!seen) classes.set(key, { count: 1, shortest: crash.preview });
    else {
      seen.count += 1;
      if (crash.preview.length < seen.shortest.length) seen.shortest = crash.preview;
    }
  }
  return [...classes].map(([key, { count, shortest }]) => `  ${count} × ${key}\n      ${shortest}`);
}

async function main(): Promise<void> {
  const frames = numberFromEnv('FUZZ_FRAMES', 200_000);
  const seed = process.env.FUZZ_SEED ? numberFromEnv('FUZZ_SEED', 1) : Date.now() % 2 ** 31;
  const strict = process.env.FUZZ_STRICT === '1';
  console.log(`fuzzing with about ${frames} frames, seed ${seed}${strict ? ', stopping at the first 90500' : ''}…`);
  const run = await fuzzServer({ frames, warmUpFrames: Math.ceil(frames / 10), seed, failOnHandlerCrash: strict });
  const { figures, honest, rss } = run;
  const alive = run.server.isRunning();
  await run.server.close();

  const lines = [
    `frames fuzzed:        ${figures.framesSent} in ${run.seconds.toFixed(0)} s`,
    `server process:       ${alive ? 'alive' : 'DEAD'}`,
    `90500 answers:        ${figures.handlerCrashes.length}`,
    `unanswered / wrong:   ${figures.problems.length}`,
    `honest messages:      ${honest.sent} sent, ${honest.deliveredOnce} delivered once, ${honest.lost.length} lost, ${honest.doubled.length} doubled, ${honest.failedSends.length} failed`,
    `honest send latency:  p50 ${percentile(honest.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(honest.latenciesMs, 99).toFixed(1)} ms`,
    `server RSS:           at start ${(rss.cold / MB).toFixed(0)} MB, after the warm-up ${(rss.before / MB).toFixed(0)} MB, peak ${(rss.peak / MB).toFixed(0)} MB, after ${(rss.after / MB).toFixed(0)} MB`,
  ];
  console.log(lines.join('\n'));
  if (figures.handlerCrashes.length > 0)
    console.log(`\n90500 answers by op and change:\n${crashClasses(figures.handlerCrashes).join('\n')}`);
  for (const { describe, preview, problem } of figures.problems.slice(0, 20))
    console.log(`\nPROBLEM ${problem}\n  ${describe}\n  ${preview}`);
  if (figures.counterexample) console.log(`\nfast-check (shrunk):\n${figures.counterexample}`);
  const failed =
    !alive || figures.problems.length > 0 || honest.lost.length + honest.doubled.length + honest.failedSends.length > 0;
  process.exitCode = failed || (strict && figures.handlerCrashes.length > 0) ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
