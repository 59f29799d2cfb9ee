import { historyAfter } from './catch-up';
import type { WireMessage } from '../protocol/messages';
import type { HistoryRequest, HistoryResult } from '../protocol/operations';

/** How long messages wait for the gap before them to be fetched; then they are reported anyway and the gap follows. */
export const GAP_HOLD_MS = 2_000;

/** A stored message of a conversation: pushed (`wire`, to report) or sent by this instance (already shown). */
export interface Arrival {
  ID: string;
  sequence: number;
  wire?: WireMessage;
}

export interface GapFillHost {
  fetchPage(request: HistoryRequest): Promise<HistoryResult>;
  /** Reports pushed or fetched messages, oldest first (the host skips any it has shown). */
  deliver(messages: WireMessage[]): void;
}

interface Fill {
  /** Arrivals above a gap, oldest first, waiting for it. */
  held: Arrival[];
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Fills gaps in the sequences of live messages (Telegram's pts rule): a stored message more than
 * one past the last known sequence of its conversation is held while the history between is
 * fetched, then everything is reported in sequence order. One fetch per conversation at a time;
 * gaps found meanwhile are fetched next, in one request from the newest message held.
 */
export class GapFill {
  /** Per conversation, the sequence up to which nothing is missing. Unknown conversations never fetch. */
  private readonly known = new Map<string, number>();
  private readonly fills = new Map<string, Fill>();
  /** Where a fetch failed, so the catch-up after the next reconnect starts there. */
  private failed = new Map<string, number>();

  constructor(
    private readonly host: GapFillHost,
    private readonly holdMs = GAP_HOLD_MS,
  ) {}

  /** Sequences seen another way: history pages, a catch-up. */
  note(conversationID: string, sequence: number): void {
    if (sequence > (this.known.get(conversationID) ?? 0)) this.known.set(conversationID, sequence);
  }

  /** The user (re)joined a group: what was sent while it was out is history, not news. */
  forget(conversationID: string): void {
    this.known.delete(conversationID);
    this.failed.delete(conversationID);
  }

  /** A live message: reported now, or held until the gap before it is fetched. */
  arrive(conversationID: string, arrival: Arrival): void {
    const fill = this.fills.get(conversationID);
    const known = this.known.get(conversationID);
    if (fill) return this.hold(conversationID, fill, arrival);
    if (arrival.sequence <= 0 || known === undefined || arrival.sequence <= known + 1)
      return this.pass(conversationID, arrival);
    const started: Fill = { held: [], timer: null };
    this.fills.set(conversationID, started);
    this.hold(conversationID, started, arrival);
    void this.fetchGaps(conversationID, started);
  }

  /** The conversations whose gap could not be fetched, and the sequence before it; forgotten once taken. */
  takeFailed(): ReadonlyMap<string, number> {
    const failed = this.failed;
    this.failed = new Map();
    return failed;
  }

  clear(): void {
    for (const fill of this.fills.values()) if (fill.timer) clearTimeout(fill.timer);
    this.fills.clear();
    this.known.clear();
    this.failed.clear();
  }

  private pass(conversationID: string, arrival: Arrival): void {
    this.note(conversationID, arrival.sequence);
    if (arrival.wire) this.host.deliver([arrival.wire]);
  }

  private hold(conversationID: string, fill: Fill, arrival: Arrival): void {
    const known = this.known.get(conversationID) ?? 0;
    if (arrival.sequence <= known || (fill.held.length === 0 && arrival.sequence === known + 1))
      return this.pass(conversationID, arrival);
    if (fill.held.some((held) => held.sequence === arrival.sequence)) return;
    fill.held.push(arrival);
    fill.held.sort((a, b) => a.sequence - b.sequence);
    fill.timer ??= setTimeout(() => this.release(conversationID, fill, fill.held.length), this.holdMs);
  }

  private async fetchGaps(conversationID: string, fill: Fill): Promise<void> {
    // A fill that `clear()` dropped (logout) changes nothing when its fetch comes back.
    const dropped = () => this.fills.get(conversationID) !== fill;
    for (let anchor = newest(fill); anchor; anchor = newest(fill)) {
      const from = this.known.get(conversationID);
      if (from === undefined) break;
      let found: WireMessage[];
      try {
        found = await historyAfter((request) => this.host.fetchPage(request), conversationID, from, anchor.ID);
      } catch {
        if (dropped()) return;
        this.failed.set(conversationID, Math.min(this.failed.get(conversationID) ?? from, from));
        break;
      }
      if (dropped()) return;
      // If the hold timed out meanwhile, newer messages went first; these still come, once each.
      const shownAlready = this.known.get(conversationID) ?? 0;
      const late = found.filter((wire) => wire.sequence <= shownAlready);
      if (late.length > 0) this.host.deliver(late);
      for (const wire of found)
        if (wire.sequence > shownAlready)
          this.hold(conversationID, fill, { ID: wire.ID, sequence: wire.sequence, wire });
      // Everything this user may see below the anchor is now shown or held; the rest were not for it.
      this.note(conversationID, anchor.sequence - 1);
      this.release(conversationID, fill, 0);
    }
    this.release(conversationID, fill, fill.held.length);
    this.fills.delete(conversationID);
  }

  /** Reports the held arrivals that no longer wait for a gap, and at least the first `atLeast`. */
  private release(conversationID: string, fill: Fill, atLeast: number): void {
    const ready: WireMessage[] = [];
    for (let count = 0; fill.held.length > 0; count++) {
      const next = fill.held[0];
      if (count >= atLeast && next.sequence > (this.known.get(conversationID) ?? 0) + 1) break;
      fill.held.shift();
      this.note(conversationID, next.sequence);
      if (next.wire) ready.push(next.wire);
    }
    if (fill.held.length === 0 && fill.timer) {
      clearTimeout(fill.timer);
      fill.timer = null;
    }
    if (ready.length > 0) this.host.deliver(ready);
  }
}

function newest(fill: Fill): Arrival | undefined {
  return fill.held[fill.held.length - 1];
}
