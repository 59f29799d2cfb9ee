import { checkChaos, describeFigures } from './chaos-check';
import { runChaos, stopChaos } from './chaos-run';

/** The chaos run in small (`npm run chaos` is the long one). The apps here never resend: the SDK's outbox must. */
test('through kill -9 restarts and cut connections every message is stored once, delivered once, in sequence, and counted unread', async () => {
  const options = {
    clients: 3,
    messagesPerClient: 200,
    kills: 2,
    cuts: 6,
    ratePerClient: 20,
    groupShare: 0.2,
    settleMs: 20_000,
    seed: 1,
    log: () => undefined,
  };
  const records = await runChaos(options);
  try {
    const figures = await checkChaos(records);
    // console.log, so jest prints the figures with this test's result, before its closing summary.
    console.log(`chaos (in the suite):\n${describeFigures(figures, records.kills.length, options.cuts).join('\n')}`);
    const problems = {
      lost: figures.lost.length,
      storedTwice: figures.storedTwice.length,
      undelivered: figures.undelivered.length,
      deliveredTwice: figures.deliveredTwice.length,
      sequenceProblems: figures.sequenceProblems,
      unreadMismatches: figures.unreadMismatches,
    };
    expect(problems).toEqual({
      lost: 0,
      storedTwice: 0,
      undelivered: 0,
      deliveredTwice: 0,
      sequenceProblems: [],
      unreadMismatches: [],
    });
  } finally {
    await stopChaos(records);
  }
}, 120_000);
