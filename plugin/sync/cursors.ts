import type { WireMessage } from '../../protocol/messages';
import { RecentIDs } from './recent-ids';

/** A message of a conversation as a source brought it: pushed or fetched (`wire`), or sent by this instance (no wire). */
export interface Arrival {
  ID: string;
  sequence: number;
  wire?: WireMessage;
}

export function arrivalOf(wire: WireMessage): Arrival {
  return { ID: wire.ID, sequence: wire.sequence, wire };
}

/** Sequences remembered as shown per conversation; older ones count as shown (or as history). */
const MAX_SHOWN = 1000;

/** What this client has seen of one conversation. */
export class ConversationCursor {
  /**
   * Through here nothing this user may see is missing. Undefined until an exact source (a push, a
   * send, a history page, a catch-up, or a list that carries lastSequence) says where the conversation stands.
   */
  contiguous: number | undefined;
  /** The highest sequence shown or known to exist. */
  highest = 0;
  /** The last conversation list accounts for these (its unread count, its @ marks): applying them again would count twice. */
  listedThrough = 0;
  private readonly shown = new Set<number>();
  private shownFloor = 0;

  hasShown(sequence: number): boolean {
    return sequence <= this.shownFloor || this.shown.has(sequence);
  }

  show(sequence: number): void {
    this.shown.add(sequence);
    if (sequence > this.highest) this.highest = sequence;
    this.contiguous ??= sequence;
    this.extend();
    if (this.shown.size > MAX_SHOWN) this.forgetOldestHalf();
  }

  /** Nothing this user may see is missing through `sequence` (fetched, or not for this user). */
  settle(sequence: number): void {
    this.contiguous = Math.max(this.contiguous ?? sequence, sequence);
    if (sequence > this.highest) this.highest = sequence;
    this.extend();
  }

  /** A conversation list says the conversation stands at `sequence`; `exact` when it is the true last sequence. */
  listed(sequence: number, exact: boolean): void {
    this.listedThrough = Math.max(this.listedThrough, sequence);
    if (exact) this.settle(sequence);
  }

  /** Where the conversation stands is no longer known (a group joined again); what was shown stays shown. */
  unplace(): void {
    this.contiguous = undefined;
  }

  private extend(): void {
    if (this.contiguous === undefined) return;
    while (this.shown.has(this.contiguous + 1)) this.contiguous++;
  }

  private forgetOldestHalf(): void {
    const sorted = [...this.shown].sort((a, b) => a - b);
    const dropped = sorted.slice(0, sorted.length >> 1);
    for (const sequence of dropped) this.shown.delete(sequence);
    this.shownFloor = Math.max(this.shownFloor, dropped[dropped.length - 1] ?? 0);
  }
}

/**
 * The one record of what this client has seen: a cursor per conversation, and the IDs shown
 * (sequence 0 messages have only their ID; a sent message has its ID before its sequence).
 */
export class Cursors {
  private readonly byConversation = new Map<string, ConversationCursor>();
  private readonly shownIDs = new RecentIDs();

  get(conversationID: string): ConversationCursor | undefined {
    return this.byConversation.get(conversationID);
  }

  of(conversationID: string): ConversationCursor {
    let cursor = this.byConversation.get(conversationID);
    if (!cursor) this.byConversation.set(conversationID, (cursor = new ConversationCursor()));
    return cursor;
  }

  /** A message this instance is sending: shown already, so its echo is never reported. */
  showID(ID: string): void {
    this.shownIDs.add(ID);
  }

  /** Nothing this user may see is missing through `sequence` in the conversation. */
  settle(conversationID: string, sequence: number): void {
    this.of(conversationID).settle(sequence);
  }

  /**
   * Records arrivals as shown and returns those not shown before, whichever source brought them
   * first: a stored message is known by its sequence, an unstored one (sequence 0) by its ID.
   */
  take(conversationID: string, arrivals: readonly Arrival[]): Arrival[] {
    const cursor = this.of(conversationID);
    const fresh: Arrival[] = [];
    for (const arrival of arrivals) {
      const stored = arrival.sequence > 0;
      const seen = this.shownIDs.has(arrival.ID) || (stored && cursor.hasShown(arrival.sequence));
      this.shownIDs.add(arrival.ID);
      if (stored) cursor.show(arrival.sequence);
      if (!seen) fresh.push(arrival);
    }
    return fresh;
  }

  /** Where a catch-up of each conversation starts: after the last sequence with nothing missing before it. */
  catchUpPoints(): Map<string, number> {
    const points = new Map<string, number>();
    for (const [conversationID, cursor] of this.byConversation)
      points.set(conversationID, cursor.contiguous ?? Math.max(cursor.highest, cursor.listedThrough));
    return points;
  }

  /** The user (re)joined a group: what was sent while it was out is history, not news, so the next push must not fetch it. */
  forget(conversationID: string): void {
    this.byConversation.get(conversationID)?.unplace();
  }

  clear(): void {
    this.byConversation.clear();
    this.shownIDs.clear();
  }
}
