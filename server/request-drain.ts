/**
 * The requests the server is running, so a shutdown can let them finish. After `stop()` no new
 * request is run; `stop()` resolves once every running one was answered (or `graceMs` passed, for
 * a hook that never returns).
 */
export class RequestDrain {
  private running = 0;
  private stopping = false;
  private idleWaiters: Array<() => void> = [];

  get accepting(): boolean {
    return !this.stopping;
  }

  started(): void {
    this.running++;
  }

  finished(): void {
    this.running--;
    if (this.running === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
  }

  /** Resolves true when every running request was answered, false when `graceMs` ran out first. */
  stop(graceMs: number): Promise<boolean> {
    this.stopping = true;
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
