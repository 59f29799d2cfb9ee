/** Keeps each group's sends under `perSecond` within any second, so the server's group limit drops none. */
export class GroupPacer {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before the next send to `conversationID` (0: go now); a send counts once it is `record`ed. */
  delayFor(conversationID: string): number {
    const times = this.sendsInLastSecond(conversationID);
    return times.length < this.perSecond ? 0 : times[0] + 1000 - this.now();
  }

  record(conversationID: string): void {
    const times = this.sendsInLastSecond(conversationID);
    times.push(this.now());
    this.recent.set(conversationID, times);
  }

  private sendsInLastSecond(conversationID: string): number[] {
    const since = this.now() - 1000;
    return (this.recent.get(conversationID) ?? []).filter((time) => time > since);
  }
}
