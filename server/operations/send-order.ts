/** One send's place in its connection's order. */
export interface SendTicket {
  /** Resolves once every earlier send of the connection has handed off (or failed). */
  turn(): Promise<void>;
  /** This send has handed off to the group limiter or the commit (or failed): the next may go. */
  done(): void;
}

/**
 * Sends of one connection reach the group limiter and the commit in the order they arrived. Their
 * reads before that (the retry lookup, membership, profile, moderation) run side by side and may
 * finish in any order, most of all on a networked database; only the hand-off waits its turn.
 */
export class SendOrder {
  private last: Promise<void> = Promise.resolve();

  /** Taken when the frame arrives, before anything is awaited. */
  ticket(): SendTicket {
    const previous = this.last;
    let release!: () => void;
    this.last = new Promise((resolve) => (release = resolve));
    return { turn: () => previous, done: release };
  }
}
