import { fuzzServer, type FuzzRun } from './fuzz-run';
import { percentile } from './honest-pair';

/**
 * Whether a 90500 answer (a handler that threw on a frame) fails this suite. On since every request
 * is checked against its op's schema before any handler runs (docs/validation.md). The run always
 * counts them, and `npm run fuzz` lists them.
 */
const FAIL_ON_HANDLER_CRASH = true;

/** Frames for `npm test`: enough to reach every op with every kind of mutation, in well under 20 s. */
const FRAMES = 3_000;
/** What the server may keep beyond its memory after the warm-up (the rows the fuzzer stored, allocator slack). */
const RSS_ALLOWANCE_BYTES = 32 * 1024 * 1024;

let run: FuzzRun;

beforeAll(async () => {
  run = await fuzzServer({ frames: FRAMES, warmUpFrames: FRAMES / 2, failOnHandlerCrash: FAIL_ON_HANDLER_CRASH });
}, 120_000);

afterAll(async () => {
  await run?.server.close();
});

describe(`${FRAMES} hostile frames for every op`, () => {
  test('the server process is still running', () => {
    expect(run.server.isRunning()).toBe(true);
    expect(run.figures.framesSent).toBeGreaterThanOrEqual(FRAMES / 2);
  });

  test('every frame got its answer (its response, an error frame, or a documented close)', () => {
    expect(run.figures.problems).toEqual([]);
    expect(run.figures.counterexample).toBeNull();
  });

  const crashCheck = FAIL_ON_HANDLER_CRASH ? 'enforced' : 'reported only: FAIL_ON_HANDLER_CRASH is off';
  test(`no answer is 90500, a handler that threw (${crashCheck})`, () => {
    if (FAIL_ON_HANDLER_CRASH) expect(run.figures.handlerCrashes).toEqual([]);
    else if (run.figures.handlerCrashes.length > 0)
      console.warn(
        `${run.figures.handlerCrashes.length} frames answered 90500, e.g.\n` +
          run.figures.handlerCrashes
            .slice(0, 3)
            .map((crash) => `${crash.describe}\n  ${crash.preview}`)
            .join('\n'),
      );
  });

  test('the honest client beside the attack sent and received every message exactly once', () => {
    expect(run.honest.failedSends).toEqual([]);
    expect(run.honest.sent).toBeGreaterThan(0);
    expect(run.honest.lost).toEqual([]);
    expect(run.honest.doubled).toEqual([]);
    expect(run.honest.deliveredOnce).toBe(run.honest.sent);
    expect(percentile(run.honest.latenciesMs, 99)).toBeLessThan(2000);
  });

  test("after the warm-up, the attack leaves the server's memory where it was", () => {
    expect(run.rss.after).toBeLessThan(run.rss.before + RSS_ALLOWANCE_BYTES);
  });
});
