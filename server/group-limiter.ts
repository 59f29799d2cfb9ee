import { PRIORITIES, type MessagePriority } from '../protocol/constants';

/** The per-group send budget the send path asks before a group message is stored. */
export interface GroupBudget {
  /** Resolves true when the message may be stored and delivered, false when the group is over its limit. */
  admit(groupKey: string, priority: MessagePriority): Promise<boolean>;
  /** Messages refused since start. */
  readonly dropped: number;
}

interface Waiting {
  priority: MessagePriority;
  resolve: (admitted: boolean) => void;
}

export const WINDOW_MS = 1000;
const RANK = new Map(PRIORITIES.map((priority, index) => [priority, index]));

/**
 * The reference's group limit: at most `perSecond` messages per group per second. Sends to one
 * group are gathered (the same event-loop turn by default, or `gatherMs`) and admitted highest
 * priority first while the second's budget lasts; the rest are refused, and counted. Equal
 * priorities keep their arrival order (the reference says "random"; arrival order is one such).
 * This process keeps the budget; RedisGroupLimiter shares it between nodes by overriding `take`.
 */
export class GroupLimiter implements GroupBudget {
  private readonly windows = new Map<string, { start: number; used: number }>();
  private readonly waiting = new Map<string, Waiting[]>();
  dropped = 0;

  constructor(
    protected readonly perSecond: number,
    private readonly gatherMs: number,
    protected readonly now: () => number = Date.now,
  ) {}

  admit(groupKey: string, priority: MessagePriority): Promise<boolean> {
    return new Promise((resolve) => {
      let queue = this.waiting.get(groupKey);
      if (!queue) {
        this.waiting.set(groupKey, (queue = []));
        if (this.gatherMs > 0) setTimeout(() => void this.flush(groupKey), this.gatherMs);
        else setImmediate(() => void this.flush(groupKey));
      }
      queue.push({ priority, resolve });
    });
  }

  /** How many of `wanted` sends the group's current window still grants; they are taken from it. */
  protected async take(groupKey: string, wanted: number): Promise<number> {
    const now = this.now();
    let window = this.windows.get(groupKey);
    if (!window || now - window.start >= WINDOW_MS) this.windows.set(groupKey, (window = { start: now, used: 0 }));
    const granted = Math.min(wanted, Math.max(0, this.perSecond - window.used));
    window.used += granted;
    if (this.windows.size > 10_000) this.forgetOldWindows(now);
    return granted;
  }

  private async flush(groupKey: string): Promise<void> {
    const queue = this.waiting.get(groupKey) ?? [];
    this.waiting.delete(groupKey);
    const ordered = queue
      .map((w, index) => ({ w, index }))
      .sort((a, b) => RANK.get(a.w.priority)! - RANK.get(b.w.priority)! || a.index - b.index);
    const granted = await this.take(groupKey, ordered.length);
    ordered.forEach(({ w }, index) => {
      if (index < granted) return w.resolve(true);
      this.dropped += 1;
      w.resolve(false);
    });
  }

  private forgetOldWindows(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
