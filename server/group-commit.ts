import { ChatError, ErrorCode } from '../protocol/errors';
import type { CommitOutcome, SendIntent, Store } from './store/store';
import { isStoreUnavailable } from './store/unavailable';

interface Waiting {
  intent: SendIntent;
  resolve: (outcome: CommitOutcome) => void;
}

/**
 * Sends that arrive together share one transaction. A batch is flushed once the current turn
 * of the event loop has read its frames; while a commit is under way the next batch gathers,
 * so a slow fsync makes batches larger rather than sends slower. The next batch goes to the store
 * before this one's senders are answered, so the store's fsync overlaps the socket writes here.
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  private flushScheduled = false;
  private committing = false;
  private idleWaiters: Array<() => void> = [];
  /** Transactions the store has run for sends, and the sends they held (`/stats`, read by the bench). */
  readonly counts = { commits: 0, committedSends: 0 };

  constructor(
    private readonly store: Store,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  submit(intent: SendIntent): Promise<CommitOutcome> {
    return new Promise((resolve) => {
      this.waiting.push({ intent, resolve });
      this.schedule();
    });
  }

  /** Resolves when nothing is waiting or committing; used on shutdown. */
  drained(): Promise<void> {
    if (!this.committing && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.flushScheduled || this.committing) return;
    this.flushScheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.waiting;
    this.waiting = [];
    this.committing = true;
    this.counts.commits++;
    this.counts.committedSends += batch.length;
    const outcomes = await this.commit(batch.map((w) => w.intent));
    this.committing = false;
    if (this.waiting.length > 0) void this.flush();
    batch.forEach((waiting, i) => waiting.resolve(outcomes[i]));
    if (!this.committing && this.waiting.length === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  /** One transaction for the batch; if it fails, each send alone, so one bad message fails only its own send. */
  private async commit(intents: SendIntent[]): Promise<CommitOutcome[]> {
    try {
      return await this.store.commitMessages(intents);
    } catch (error) {
      if (isStoreUnavailable(error)) {
        this.onFailure(error);
        const unavailable = new ChatError(
          ErrorCode.SERVER_BUSY,
          'The server cannot reach its database right now; nothing was saved. Send it again in a moment (the SDK does).',
        );
        return intents.map(() => ({ ok: false, error: unavailable }));
      }
      if (intents.length > 1) {
        const outcomes: CommitOutcome[] = [];
        for (const intent of intents) outcomes.push(...(await this.commit([intent])));
        return outcomes;
      }
      this.onFailure(error);
      return [
        {
          ok: false,
          error: new ChatError(
            ErrorCode.SERVER_ERROR,
            'The server could not store the message; nothing was saved. Send it again.',
          ),
        },
      ];
    }
  }
}
