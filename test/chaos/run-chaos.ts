/**
 * `npm run chaos`: SDK clients chat through a proxy while the server is killed with SIGKILL and
 * restarted and every connection is cut; then every message is checked (stored once, delivered once
 * to each recipient, sequences without gaps, unread counts). The figures go into docs/reliability.md.
 * CHAOS_CLIENTS (10), CHAOS_MESSAGES per client (10000), CHAOS_KILLS (20), CHAOS_CUTS (200),
 * CHAOS_RATE messages per second per client (50), CHAOS_GROUP_PERCENT (5), CHAOS_SETTLE_MS (60000),
 * CHAOS_SEED (new each run).
 */
import { checkChaos, describeFigures, isClean } from './chaos-check';
import { runChaos, stopChaos } from './chaos-run';

function numberFromEnv(name: string, fallback: number, min = 1): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${name} must be a whole number ≥ ${min}, got ${text}`);
  return value;
}

async function main(): Promise<void> {
  const options = {
    clients: numberFromEnv('CHAOS_CLIENTS', 10, 2),
    messagesPerClient: numberFromEnv('CHAOS_MESSAGES', 10_000),
    kills: numberFromEnv('CHAOS_KILLS', 20, 0),
    cuts: numberFromEnv('CHAOS_CUTS', 200, 0),
    ratePerClient: numberFromEnv('CHAOS_RATE', 50),
    groupShare: numberFromEnv('CHAOS_GROUP_PERCENT', 5, 0) / 100,
    settleMs: numberFromEnv('CHAOS_SETTLE_MS', 60_000, 0),
    seed: numberFromEnv('CHAOS_SEED', Date.now() % 2 ** 31, 0),
    log: (line: string) => console.log(`  ${line}`),
  };
  console.log(
    `chaos: ${options.clients} clients × ${options.messagesPerClient} messages at ${options.ratePerClient}/s each, ` +
      `${options.kills} kill -9 restarts, ${options.cuts} cuts, ${options.groupShare * 100}% to the group, seed ${options.seed}`,
  );
  const records = await runChaos(options);
  try {
    const figures = await checkChaos(records);
    console.log(describeFigures(figures, records.kills.length, options.cuts).join('\n'));
    for (const [name, list] of Object.entries({
      lost: figures.lost,
      'stored twice': figures.storedTwice,
      undelivered: figures.undelivered,
      'delivered twice': figures.deliveredTwice,
      'sequence problems': figures.sequenceProblems,
      'unread mismatches': figures.unreadMismatches,
    }))
      if (list.length) console.log(`\n${name} (first 10):\n  ${list.slice(0, 10).join('\n  ')}`);
    process.exitCode = isClean(figures) ? 0 : 1;
  } finally {
    await stopChaos(records);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
