import { createHash } from 'node:crypto';
import type { Queryable } from './pg-database';

/** The advisory lock key of one pair of users: the same whichever of the two asks. */
function pairKey(app: number, a: string, b: string): bigint {
  const [low, high] = a < b ? [a, b] : [b, a];
  return createHash('sha256').update(`tidings-relation\0${app}\0${low}\0${high}`).digest().readBigInt64BE(0);
}

/**
 * Serializes two-sided relation changes (friends both ways, requests, blocking) between `userID`
 * and each of `others`, whichever node runs them, until the transaction ends. The rows may not
 * exist yet, hence advisory locks; they are taken in ascending key order so two transactions
 * locking overlapping pairs cannot deadlock.
 */
export async function lockPairs(db: Queryable, app: number, userID: string, others: readonly string[]): Promise<void> {
  const keys = [...new Set(others.map((other) => pairKey(app, userID, other)))].sort((x, y) =>
    x < y ? -1 : x > y ? 1 : 0,
  );
  if (keys.length === 0) return;
  // A function scan yields the array's elements in order, so the locks are taken in that order.
  await db.query('SELECT pg_advisory_xact_lock(key) FROM unnest($1::bigint[]) AS key', [
    keys.map((key) => key.toString()),
  ]);
}
