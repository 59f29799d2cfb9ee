/**
 * Delay before reconnect attempt `attempt` (0 for the first): full jitter over an
 * exponentially growing window, never below `minMs` nor above `maxMs`.
 */
export function backoff(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(Math.max(0, Math.floor(attempt) || 0), 31);
  const ceiling = Math.min(maxMs, minMs * 2 ** step);
  const jitter = Math.floor(clamp01(random()) * ceiling);
  return Math.min(maxMs, minMs + jitter);
}

function clamp01(value: number): number {
  if (!(value > 0)) return 0;
  return value >= 1 ? 0.999999 : value;
}
