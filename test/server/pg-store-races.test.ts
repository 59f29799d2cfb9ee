import type pg from 'pg';
import { TYPES } from '../../protocol/constants';
import type { WireMessageDraft } from '../../protocol/messages';
import { PgConversations } from '../../server/store/pg/pg-conversations';
import { PgDatabase } from '../../server/store/pg/pg-database';
import { PgMessages } from '../../server/store/pg/pg-messages';
import { openPgStore, type PgStore } from '../../server/store/pg/pg-store';
import type { CommitOutcome, SendIntent, StoredOutcome } from '../../server/store/store';
import { freshDatabase, type TestDatabase } from '../helpers/services';
import { wireTextDraft } from '../helpers/wire-message';

/**
 * Two nodes (two stores, two connection pools) committing to one database at once: the commit
 * allocates sequences without a single writer, so these races are what it must get right.
 */

const APP = 1400000001;
let counter = 0;
const draft = (to: string): WireMessageDraft => wireTextDraft({ ID: `race-${++counter}`, to, payload: { text: 'x' } });
const intent = (sender: string, to: string): SendIntent => ({ app: APP, sender, draft: draft(to) });

function stored(outcomes: CommitOutcome[]): StoredOutcome[] {
  for (const outcome of outcomes) if (!outcome.ok) throw outcome.error;
  return outcomes as StoredOutcome[];
}

/** A database whose transactions are not run again on a deadlock: one would surface as the error it is. */
class NoRetryDatabase extends PgDatabase {
  override async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
}

let database: TestDatabase;
let nodes: PgStore[];
beforeEach(async () => {
  database = await freshDatabase();
  nodes = await Promise.all([0, 1].map(() => openPgStore({ connectionString: database.url })));
});
afterEach(async () => {
  await Promise.all(nodes.map((node) => node.close()));
  await database.drop();
});

async function sequencesOf(conv: string): Promise<Array<{ seq: number; id: string }>> {
  const db = new PgDatabase({ connectionString: database.url });
  try {
    return await db.query('SELECT seq, id FROM messages WHERE app = $1 AND conv = $2 ORDER BY seq', [APP, conv]);
  } finally {
    await db.close();
  }
}

test('batches racing on one conversation from two nodes get gapless sequences 1..n, each message stored once', async () => {
  const batches = Array.from({ length: 40 }, (_, i) =>
    Array.from({ length: 1 + (i % 3) }, () => (i % 2 ? intent('alice', 'bob') : intent('bob', 'alice'))),
  );
  const perBatch = await Promise.all(batches.map((batch, i) => nodes[i % 2].commitMessages(batch).then(stored)));
  const n = batches.flat().length;
  expect(
    perBatch
      .flat()
      .map((o) => o.message.sequence)
      .sort((a, b) => a - b),
  ).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  // A batch holds the conversation for its whole transaction: its sends are numbered one after the other, in order.
  for (const outcomes of perBatch)
    expect(outcomes.map((o) => o.message.sequence - outcomes[0].message.sequence)).toEqual(outcomes.map((_, i) => i));
  const rows = await sequencesOf('c2c:alice:bob');
  expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  expect(new Set(rows.map((row) => row.id)).size).toBe(n);
  const [aliceView] = await nodes[0].getConversationList(APP, 'alice');
  expect(aliceView).toMatchObject({ conversationID: 'C2Cbob', lastSequence: n, lastMessage: { sequence: n } });
});

test('two nodes racing on one message ID store it once: one outcome is new, the other its duplicate with the same sequence', async () => {
  const drafts = Array.from({ length: 25 }, () => draft('bob'));
  const pairs = await Promise.all(
    drafts.map((d) =>
      Promise.all(nodes.map((node) => node.commitMessages([{ app: APP, sender: 'alice', draft: d }]).then(stored))),
    ),
  );
  for (const [[first], [second]] of pairs) {
    expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
    expect(second.message.sequence).toBe(first.message.sequence);
    expect(second.messageJSON).toBe(first.messageJSON);
  }
  const rows = await sequencesOf('c2c:alice:bob');
  expect(rows.map((row) => row.id).sort()).toEqual(drafts.map((d) => d.ID).sort());
  expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: drafts.length }, (_, i) => i + 1));
  const [bobView] = await nodes[1].getConversationList(APP, 'bob');
  expect(bobView.unreadCount).toBe(drafts.length);
});

test('batches and read marks locking overlapping conversations in opposite orders do not deadlock (no retry hides one here)', async () => {
  const strict = [0, 1].map(() => new NoRetryDatabase({ connectionString: database.url }));
  try {
    const senders = strict.map((db) => new PgMessages(db));
    const readers = strict.map((db) => new PgConversations(db));
    const peers = ['bob', 'carol', 'dave', 'erin'];
    const inOrder = (i: number) => (i % 2 ? [...peers].reverse() : peers);
    stored(await senders[0].commitMessages(peers.map((peer) => intent(peer, 'alice'))));
    const batches = Array.from({ length: 40 }, (_, i) => inOrder(i).map((peer) => intent('alice', peer)));
    const results = await Promise.allSettled([
      ...batches.map((batch, i) => senders[i % 2].commitMessages(batch)),
      ...batches.map((_, i) =>
        i % 2
          ? readers[i % 2].readAll(APP, 'alice', TYPES.READ_ALL_MSG)
          : readers[i % 2].deleteConversations(
              APP,
              'alice',
              inOrder(i + 1).map((peer) => `C2C${peer}`),
              false,
            ),
      ),
    ]);
    // A conversation deleted a moment before (and not yet back with a newer message) is refused with 2500: not a failure.
    const failures = results.filter((r) => r.status === 'rejected' && (r.reason as { code?: unknown }).code !== 2500);
    expect(failures).toEqual([]);
    for (const peer of peers)
      expect((await sequencesOf(`c2c:alice:${peer}`)).map((row) => row.seq)).toEqual(
        Array.from({ length: batches.length + 1 }, (_, i) => i + 1),
      );
  } finally {
    await Promise.all(strict.map((db) => db.close()));
  }
});

test("a node whose clock is behind another's neither sends a conversation's times backwards nor leaves a deleted conversation hidden", async () => {
  const [first] = stored(await nodes[0].commitMessages([intent('alice', 'bob')]));
  // What a node with its clock an hour ahead would have left: the newest message's time and the row's activity stamp.
  const ahead = { seconds: first.message.time + 3600, ms: Date.now() + 3_600_000 };
  const db = new PgDatabase({ connectionString: database.url });
  try {
    await db.query("UPDATE conversation_heads SET last_time = $1 WHERE conv = 'c2c:alice:bob'", [ahead.seconds]);
    await db.query("UPDATE user_conversations SET updated_at = $1 WHERE user_id = 'bob'", [ahead.ms]);
  } finally {
    await db.close();
  }
  await nodes[1].deleteConversations(APP, 'bob', ['C2Calice'], false);
  expect(await nodes[1].getConversationList(APP, 'bob')).toEqual([]);
  const [next] = stored(await nodes[1].commitMessages([intent('alice', 'bob')]));
  expect(next.message.time).toBe(ahead.seconds);
  expect((await nodes[0].getConversationList(APP, 'bob')).map((c) => c.lastMessage?.ID)).toEqual([next.message.ID]);
});
