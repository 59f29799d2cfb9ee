import { conversationIDFor } from '../../protocol/conversation-id';
import type { WireMessage } from '../../protocol/messages';
import type { ConversationUpdate, HistoryRequest, HistoryResult, WireConversation } from '../../protocol/operations';
import { ConversationCache, effectsOf, type CacheChange, type MessageEffects } from '../conversations';
import type { Message } from '../message';
import { arrivalOf, Cursors, type Arrival } from './cursors';
import { GapFill } from './gap-fill';
import { listedSequenceOf, missedMessages } from './history';

export interface SyncHost {
  userID(): string;
  fetchPage(request: HistoryRequest): Promise<HistoryResult>;
  toMessage(wire: WireMessage): Message;
  /** Messages not shown before, oldest first per conversation: MESSAGE_RECEIVED. */
  received(messages: Message[]): void;
  /** The conversation list or the unread total changed. */
  changed(change: CacheChange): void;
}

/**
 * What this client has seen, kept in one record (a cursor per conversation) that every source reads
 * and advances: live pushes, this instance's sends, the gap fill, the catch-up after a reconnect,
 * history pages and the conversation list. Whichever source brings a message first reports it;
 * the others find it shown.
 */
export class Sync {
  readonly conversations = new ConversationCache();
  private readonly cursors = new Cursors();
  private readonly gapFill: GapFill;

  constructor(private readonly host: SyncHost) {
    this.gapFill = new GapFill(this.cursors, {
      fetchPage: (request) => host.fetchPage(request),
      deliver: (conversationID, arrivals) => this.report([[conversationID, arrivals]]),
    });
  }

  /** The list loaded at login: it says where each conversation stands, so the first push after login can find a gap. */
  login(list: readonly WireConversation[]): void {
    this.loadList(list, this.conversations.changeCount());
  }

  push(wire: WireMessage): void {
    this.gapFill.arrive(conversationIDFor(wire, this.host.userID()), { ID: wire.ID, sequence: wire.sequence, wire });
  }

  /** A message this instance is about to send: shown already, so neither its echo nor a catch-up reports it. */
  sending(message: Message): void {
    this.cursors.showID(message.ID);
  }

  /** A message this instance sent, acknowledged: applied to its conversation; its sequence may reveal a gap. */
  sent(message: Message, effects: MessageEffects): void {
    this.host.changed(this.conversations.addMessage(message, effects));
    if (message.sequence > 0)
      this.gapFill.arrive(message.conversationID, { ID: message.ID, sequence: message.sequence });
  }

  /** A getMessageList page (oldest first): its messages are shown, so no push or catch-up reports them again. */
  historyPage(conversationID: string, page: readonly WireMessage[]): void {
    if (page.length === 0) return;
    const cursor = this.cursors.of(conversationID);
    // A page that reaches back to the cursor (or the first one seen) leaves nothing missing up to its newest.
    const placed = cursor.contiguous !== undefined;
    const connects = !placed || page[0].sequence <= (cursor.contiguous ?? 0) + 1;
    // Not announced (the caller has the page). Only a message newer than all this client knew is news
    // (its push is on the way) and counts; older ones are history, such as a joined group's past.
    this.report([[conversationID, page.map(arrivalOf)]], {
      announce: false,
      newerThan: placed ? cursor.highest : Infinity,
    });
    if (connects) cursor.settle(page[page.length - 1].sequence);
  }

  /**
   * After a reconnect: reloads the conversation list and reports what arrived while the socket was
   * down, from each conversation's cursor (which a failed gap fetch left before its gap).
   * `stillCurrent` says whether the connection that asked is still the chat's.
   */
  async catchUp(fetchList: () => Promise<WireConversation[]>, stillCurrent: () => boolean): Promise<void> {
    const from = this.cursors.catchUpPoints();
    const requestedAt = this.conversations.changeCount();
    const list = await fetchList();
    const missed = await missedMessages((request) => this.host.fetchPage(request), from, list);
    if (!stillCurrent()) return;
    this.host.changed(this.loadList(list, requestedAt));
    const userID = this.host.userID();
    this.report(missed.map((wire) => [conversationIDFor(wire, userID), [arrivalOf(wire)]]));
  }

  /** The user (re)joined a group: what was sent while it was out is history, not news. */
  forget(conversationID: string): void {
    this.cursors.forget(conversationID);
  }

  markRead(conversationID: string): void {
    this.conversations.markRead(conversationID);
  }

  /**
   * A conversation action's result (this device's answer or another device's push). Like the list
   * after a reconnect, it does not undo a push that carried a conversation past it.
   */
  applyUpdate(update: ConversationUpdate): void {
    const isNewer = (listed: WireConversation) =>
      (this.cursors.get(listed.conversationID)?.highest ?? 0) > listedSequenceOf(listed);
    this.host.changed(
      this.conversations.applyUpdate(update.conversationList, update.deletedConversationIDList, isNewer),
    );
    // The unread counts it gives include what it lists; a push still on its way is reported, not counted again.
    for (const listed of update.conversationList)
      if (!isNewer(listed)) this.cursors.of(listed.conversationID).listed(listedSequenceOf(listed), false);
  }

  clear(): void {
    this.gapFill.clear();
    this.cursors.clear();
    this.conversations.clear();
  }

  /**
   * The conversation list, asked for at `requestedAt`. A conversation a push has carried past the
   * list keeps its cached state and its cursor; every other one takes the list's, and its cursor
   * learns what the list accounts for.
   */
  private loadList(list: readonly WireConversation[], requestedAt: number): CacheChange {
    const isNewerThanList = (listed: WireConversation) =>
      (this.cursors.get(listed.conversationID)?.highest ?? 0) > listedSequenceOf(listed);
    const newer = new Set(list.filter(isNewerThanList).map((listed) => listed.conversationID));
    const change = this.conversations.load(list, requestedAt, (listed) => newer.has(listed.conversationID));
    for (const listed of list)
      if (!newer.has(listed.conversationID))
        this.cursors.of(listed.conversationID).listed(listedSequenceOf(listed), listed.lastSequence !== undefined);
    return change;
  }

  /**
   * Applies arrivals to the record and reports those it had not shown, as one MESSAGE_RECEIVED if
   * `announce`; the conversation list takes those past `newerThan` that it does not count yet.
   */
  private report(batches: ReadonlyArray<[string, Arrival[]]>, { announce = true, newerThan = 0 } = {}): void {
    const messages: Message[] = [];
    const change: CacheChange = { listChanged: false, totalChanged: false };
    for (const [conversationID, arrivals] of batches)
      for (const { wire } of this.cursors.take(conversationID, arrivals)) {
        if (!wire) continue;
        const message = this.host.toMessage(wire);
        messages.push(message);
        // The list already counts what it accounts for; applying it again would count it twice.
        const counted = Math.max(newerThan, this.cursors.of(conversationID).listedThrough);
        if (wire.sequence > 0 && wire.sequence <= counted) continue;
        const { listChanged, totalChanged } = this.conversations.addMessage(
          message,
          effectsOf(wire, this.host.userID()),
        );
        change.listChanged ||= listChanged;
        change.totalChanged ||= totalChanged;
      }
    if (announce && messages.length > 0) this.host.received(messages);
    this.host.changed(change);
  }
}
