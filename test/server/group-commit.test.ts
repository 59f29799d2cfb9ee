import { ChatError } from '../../protocol/errors';
import type { WireMessageDraft } from '../../protocol/messages';
import { GroupCommit } from '../../server/group-commit';
import type { CommitOutcome, SendIntent, Store } from '../../server/store/store';

/** A store that records each transaction and lets the test decide when it finishes. */
class RecordingStore {
  readonly transactions: SendIntent[][] = [];
  private finishers: Array<() => void> = [];
  /** A transaction holding one of these message IDs fails, as a message the store cannot take would. */
  readonly poisonIDs = new Set<string>();

  readonly store: Pick<Store, 'commitMessages'> = {
    commitMessages: (intents) => {
      this.transactions.push(intents);
      if (intents.some((intent) => this.poisonIDs.has(intent.draft.ID)))
        return Promise.reject(new Error('cannot store m1'));
      return new Promise<CommitOutcome[]>((resolve) => {
        this.finishers.push(() =>
          resolve(
            intents.map((intent, i) => {
              const message = { ...intent.draft, from: intent.sender, time: 1, sequence: i + 1 };
              return { ok: true, duplicate: false, recipients: [], message, messageJSON: JSON.stringify(message) };
            }),
          ),
        );
      });
    },
  };

  finishAll(): void {
    this.finishers.splice(0).forEach((finish) => finish());
  }
}

const intent = (n: number): SendIntent => ({
  app: 1,
  sender: 'alice',
  draft: { ID: `m${n}`, to: 'bob' } as WireMessageDraft,
});

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  test('sends submitted in the same turn share one transaction', async () => {
    const recording = new RecordingStore();
    const commit = new GroupCommit(recording.store as Store, () => {});
    const results = Array.from({ length: 100 }, (_, n) => commit.submit(intent(n)));
    await nextTurn();
    recording.finishAll();
    expect((await Promise.all(results)).every((outcome) => outcome.ok)).toBe(true);
    expect(recording.transactions.map((t) => t.length)).toEqual([100]);
  });

  test('sends that arrive during a commit wait for it and then go together in the next', async () => {
    const recording = new RecordingStore();
    const commit = new GroupCommit(recording.store as Store, () => {});
    const first = commit.submit(intent(0));
    await nextTurn();
    const later = [1, 2, 3].map((n) => commit.submit(intent(n)));
    await nextTurn();
    expect(recording.transactions).toHaveLength(1);
    recording.finishAll();
    await first;
    await nextTurn();
    expect(recording.transactions.map((t) => t.map((i) => i.draft.ID))).toEqual([['m0'], ['m1', 'm2', 'm3']]);
    recording.finishAll();
    await Promise.all(later);
    await commit.drained();
  });

  test('a failed transaction is retried one send at a time, so only the send that fails gets 90500', async () => {
    const recording = new RecordingStore();
    recording.poisonIDs.add('m1');
    const failures: unknown[] = [];
    const commit = new GroupCommit(recording.store as Store, (error) => failures.push(error));
    const submitted = [0, 1, 2].map((n) => commit.submit(intent(n)));
    while (recording.transactions.length < 4) {
      recording.finishAll();
      await nextTurn();
    }
    recording.finishAll();
    const outcomes = await Promise.all(submitted);
    expect(recording.transactions.map((batch) => batch.map((i) => i.draft.ID))).toEqual([
      ['m0', 'm1', 'm2'],
      ['m0'],
      ['m1'],
      ['m2'],
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    expect(!outcomes[1].ok && outcomes[1].error).toBeInstanceOf(ChatError);
    expect(!outcomes[1].ok && outcomes[1].error.code).toBe(90500);
    expect(failures).toEqual([new Error('cannot store m1')]);
  });
});
