import { historyAfter } from './history';
import { arrivalOf, type Arrival, type Cursors } from './cursors';
import type { WireMessage } from '../../protocol/messages';
import type { HistoryRequest, HistoryResult } from '../../protocol/operations';

/** How long messages wait for the gap before them to be fetched; then they are reported anyway and the gap follows. */
export const GAP_HOLD_MS = 2_000;

export interface GapFillHost {
  fetchPage(request: HistoryRequest): Promise<HistoryResult>;
  /** Applies arrivals of one conversation, oldest first, to the record (which skips any shown before) and reports them. */
  deliver(conversationID: string, arrivals: Arrival[]): void;
}

interface Fill {
  /** Arrivals above a gap, oldest first, waiting for it. */
  held: Arrival[];
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Fills gaps in the sequences of live messages (Telegram's pts rule): a stored message more than
 * one past the highest sequence the cursor knows is held while the history between is fetched,
 * then everything is reported in sequence order. One fetch per conversation at a time; gaps found
 * meanwhile are fetched next, in one request from the newest message held. It keeps no sequences
 * of its own: the cursors are the record, and a fetch that fails leaves the cursor's `contiguous`
 * before the gap, where the catch-up after the next reconnect starts.
 */
export class GapFill {
  private readonly fills = new Map<string, Fill>();

  constructor(
    private readonly cursors: Cursors,
    private readonly host: GapFillHost,
    private readonly holdMs = GAP_HOLD_MS,
  ) {}

  /** A live message: reported now, or held until the gap before it is fetched. */
  arrive(conversationID: string, arrival: Arrival): void {
    const fill = this.fills.get(conversationID);
    if (fill) return this.hold(conversationID, fill, arrival);
    const known = this.known(conversationID);
    if (arrival.sequence <= 0 || known === undefined || arrival.sequence <= known + 1)
      return this.host.deliver(conversationID, [arrival]);
    const started: Fill = { held: [], timer: null };
    this.fills.set(conversationID, started);
    this.hold(conversationID, started, arrival);
    void this.fetchGaps(conversationID, started);
  }

  /** Drops held messages and running fetches (logout). */
  clear(): void {
    for (const fill of this.fills.values()) if (fill.timer) clearTimeout(fill.timer);
    this.fills.clear();
  }

  /** The highest sequence of a conversation whose place is known; undefined if a push must not fetch. */
  private known(conversationID: string): number | undefined {
    const cursor = this.cursors.get(conversationID);
    return cursor?.contiguous === undefined ? undefined : cursor.highest;
  }

  private hold(conversationID: string, fill: Fill, arrival: Arrival): void {
    const known = this.known(conversationID) ?? 0;
    if (arrival.sequence <= known || (fill.held.length === 0 && arrival.sequence === known + 1))
      return this.host.deliver(conversationID, [arrival]);
    if (fill.held.some((held) => held.sequence === arrival.sequence)) return;
    fill.held.push(arrival);
    fill.held.sort((a, b) => a.sequence - b.sequence);
    fill.timer ??= setTimeout(() => this.release(conversationID, fill, fill.held.length), this.holdMs);
  }

  private async fetchGaps(conversationID: string, fill: Fill): Promise<void> {
    // A fill that `clear()` dropped (logout) changes nothing when its fetch comes back.
    const dropped = () => this.fills.get(conversationID) !== fill;
    for (let anchor = newest(fill); anchor; anchor = newest(fill)) {
      const from = this.cursors.get(conversationID)?.contiguous;
      if (from === undefined) break;
      let found: WireMessage[];
      try {
        found = await historyAfter((request) => this.host.fetchPage(request), conversationID, from, anchor.ID);
      } catch {
        if (dropped()) return;
        break;
      }
      if (dropped()) return;
      // If the hold timed out meanwhile, newer messages went first; these still come, once each.
      const shownAlready = this.known(conversationID) ?? 0;
      const late = found.filter((wire) => wire.sequence <= shownAlready).map(arrivalOf);
      if (late.length > 0) this.host.deliver(conversationID, late);
      for (const wire of found) if (wire.sequence > shownAlready) this.hold(conversationID, fill, arrivalOf(wire));
      // Everything this user may see below the anchor is now shown or held; the rest were not for it.
      this.cursors.settle(conversationID, anchor.sequence - 1);
      this.release(conversationID, fill, 0);
    }
    this.release(conversationID, fill, fill.held.length);
    this.fills.delete(conversationID);
  }

  /** Reports the held arrivals that no longer wait for a gap, and at least the first `atLeast`. */
  private release(conversationID: string, fill: Fill, atLeast: number): void {
    const ready: Arrival[] = [];
    let through = this.known(conversationID) ?? 0;
    for (let count = 0; fill.held.length > 0; count++) {
      const next = fill.held[0];
      if (count >= atLeast && next.sequence > through + 1) break;
      fill.held.shift();
      through = Math.max(through, next.sequence);
      ready.push(next);
    }
    if (fill.held.length === 0 && fill.timer) {
      clearTimeout(fill.timer);
      fill.timer = null;
    }
    if (ready.length > 0) this.host.deliver(conversationID, ready);
  }
}

function newest(fill: Fill): Arrival | undefined {
  return fill.held[fill.held.length - 1];
}
