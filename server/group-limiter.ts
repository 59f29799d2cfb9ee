import { PRIORITIES, type MessagePriority } from '../protocol/constants';

interface Waiting {
  priority: MessagePriority;
  resolve: (admitted: boolean) => void;
}

const WINDOW_MS = 1000;
const RANK = new Map(PRIORITIES.map((priority, index) => [priority, index]));

/**
 * The reference's group limit: at most `perSecond` messages per group per second. Sends to one
 * group are gathered (the same event-loop turn by default, or `gatherMs`) and admitted highest
 * priority first while the second's budget lasts; the rest are refused, and counted. Equal
 * priorities keep their arrival order (the reference says "random"; arrival order is one such).
 */
export class GroupLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();
  private readonly waiting = new Map<string, Waiting[]>();
  /** Messages refused since start. */
  dropped = 0;

  constructor(
    private readonly perSecond: number,
    private readonly gatherMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves true when the message may be stored and delivered, false when the group is over its limit. */
  admit(groupKey: string, priority: MessagePriority): Promise<boolean> {
    return new Promise((resolve) => {
      let queue = this.waiting.get(groupKey);
      if (!queue) {
        this.waiting.set(groupKey, (queue = []));
        if (this.gatherMs > 0) setTimeout(() => this.flush(groupKey), this.gatherMs);
        else setImmediate(() => this.flush(groupKey));
      }
      queue.push({ priority, resolve });
    });
  }

  private flush(groupKey: string): void {
    const queue = this.waiting.get(groupKey) ?? [];
    this.waiting.delete(groupKey);
    const now = this.now();
    let window = this.windows.get(groupKey);
    if (!window || now - window.start >= WINDOW_MS) this.windows.set(groupKey, (window = { start: now, used: 0 }));
    const ordered = queue
      .map((w, index) => ({ w, index }))
      .sort((a, b) => RANK.get(a.w.priority)! - RANK.get(b.w.priority)! || a.index - b.index);
    for (const { w } of ordered) {
      if (window.used < this.perSecond) {
        window.used += 1;
        w.resolve(true);
      } else {
        this.dropped += 1;
        w.resolve(false);
      }
    }
    if (this.windows.size > 10_000) this.forgetOldWindows(now);
  }

  private forgetOldWindows(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
