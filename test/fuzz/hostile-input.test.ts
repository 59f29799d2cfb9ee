import { ServerProcess } from '../helpers/server-process';
import { attack, prepareWorld, type AttackFigures } from './attack';
import { percentile, startHonestPair, type HonestFigures } from './honest-pair';
import { residentBytes, watchPeak } from './server-memory';

/**
 * Whether a 90500 answer (a handler that threw on a frame) fails this suite. Off while the server
 * still throws on some mutated frames (the schema validation work fixes that class); turn it on when
 * it lands. The run always counts them, and `npm run fuzz` lists them.
 */
const FAIL_ON_HANDLER_CRASH = false;

/** Frames for `npm test`: enough to reach every op with every kind of mutation, in well under 20 s. */
const FRAMES = 3_000;
/** What the server may keep after the attack (SQLite cache, the rows the fuzzer stored, V8 heap growth). */
const RSS_ALLOWANCE_BYTES = 64 * 1024 * 1024;

let server: ServerProcess;
let figures: AttackFigures;
let honest: HonestFigures;
let rss: { before: number; peak: number; after: number };

beforeAll(async () => {
  server = await ServerProcess.start();
  const world = await prepareWorld(server);
  const pid = server.pid!;
  const before = residentBytes(pid);
  const peak = watchPeak(pid);
  const pair = await startHonestPair(server, 20);
  figures = await attack(server, world, { frames: FRAMES, failOnHandlerCrash: FAIL_ON_HANDLER_CRASH });
  honest = await pair.stop();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  rss = { before, peak: peak.stop(), after: residentBytes(pid) };
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe(`${FRAMES} hostile frames for every op`, () => {
  test('the server process is still running', () => {
    expect(server.isRunning()).toBe(true);
    expect(figures.framesSent).toBeGreaterThanOrEqual(FRAMES / 2);
  });

  test('every frame got its answer (its response, an error frame, or a documented close)', () => {
    expect(figures.problems).toEqual([]);
    expect(figures.counterexample).toBeNull();
  });

  const crashCheck = FAIL_ON_HANDLER_CRASH ? 'enforced' : 'reported only: FAIL_ON_HANDLER_CRASH is off';
  test(`no answer is 90500, a handler that threw (${crashCheck})`, () => {
    if (FAIL_ON_HANDLER_CRASH) expect(figures.handlerCrashes).toEqual([]);
    else if (figures.handlerCrashes.length > 0)
      console.warn(
        `${figures.handlerCrashes.length} frames answered 90500, e.g.\n` +
          figures.handlerCrashes
            .slice(0, 3)
            .map((crash) => `${crash.describe}\n  ${crash.preview}`)
            .join('\n'),
      );
  });

  test('the honest client beside the attack sent and received every message exactly once', () => {
    expect(honest.failedSends).toEqual([]);
    expect(honest.sent).toBeGreaterThan(0);
    expect(honest.lost).toEqual([]);
    expect(honest.doubled).toEqual([]);
    expect(honest.deliveredOnce).toBe(honest.sent);
    expect(percentile(honest.latenciesMs, 99)).toBeLessThan(2000);
  });

  test('the server gave back the memory the attack took', () => {
    expect(rss.after).toBeLessThan(rss.before + RSS_ALLOWANCE_BYTES);
  });
});
