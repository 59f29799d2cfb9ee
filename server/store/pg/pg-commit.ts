import type pg from 'pg';
import { TYPES } from '../../../protocol/constants';
import { conversationIDFor } from '../../../protocol/conversation-id';
import { ChatError, ErrorCode } from '../../../protocol/errors';
import type { WireMessage } from '../../../protocol/messages';
import { atTypeFor } from '../at-type';
import { decideAudience, type AudienceLookups } from '../audience';
import { conversationKeyOf } from '../conversation-key';
import { mergeTouches, type UserConversationTouch } from '../sqlite-derived';
import type { CommitOutcome, SendIntent } from '../store';
import { readAudienceLookups } from './pg-audience-lookups';
import type { PgDatabase } from './pg-database';

/** Wall-clock milliseconds, nudged forward so that no two messages this node commits share a stamp (user_conversations.updated_at). */
export class ActivityClock {
  private last = 0;

  next(): number {
    this.last = Math.max(Date.now(), this.last + 1);
    return this.last;
  }
}

interface Head {
  app: number;
  conv: string;
  lastSeq: number;
  lastTime: number;
}

interface StoredID {
  sender: string;
  body: string;
}

interface MessageRow {
  app: number;
  conv: string;
  seq: number;
  id: string;
  sender: string;
  body: string;
  audience: string | null;
}

interface AtRow {
  app: number;
  userID: string;
  conversationID: string;
  seq: number;
  sender: string;
  atType: number;
}

const key = (...parts: Array<string | number>) => parts.join('\u0000');

const UNIQUE_VIOLATION = '23505';
const MAX_ID_RACES = 3;

/**
 * Stores a batch of sends in one transaction (see `commitInTransaction`). Any number of nodes may
 * commit at once. An ID stored by another node in between cannot slip past the check (the
 * conversation's lock orders them), but if it ever did, the unique index refuses the second and
 * the batch runs again, finding the ID stored: the duplicate outcome.
 */
export async function commitBatch(
  db: PgDatabase,
  intents: readonly SendIntent[],
  clock: ActivityClock,
): Promise<CommitOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((client) => commitInTransaction(client, intents, clock));
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (attempt >= MAX_ID_RACES || code !== UNIQUE_VIOLATION || constraint !== 'messages_by_id') throw error;
    }
  }
}

/**
 * Locks the batch's conversations' counter rows (conversation_heads) in key order, so two batches
 * over overlapping conversations wait for each other instead of deadlocking; checks the IDs;
 * numbers each send from its conversation's counter (gapless: a failed transaction takes its
 * numbers back with it); writes the messages, counters, per-user rows and @ marks.
 */
async function commitInTransaction(
  client: pg.PoolClient,
  intents: readonly SendIntent[],
  clock: ActivityClock,
): Promise<CommitOutcome[]> {
  const keys = intents.map(({ app, sender, draft }) => ({ app, conv: conversationKeyOf(sender, draft) }));
  // Read before the locks, which are then held only while numbering and writing.
  const lookups = await readAudienceLookups(client, intents);
  const heads = await lockHeads(client, keys);
  const stored = await storedIDs(
    client,
    intents.map((intent, i) => ({ ...keys[i], id: intent.draft.ID })),
  );
  const messages: MessageRow[] = [];
  const ats: AtRow[] = [];
  const touches = new Map<string, UserConversationTouch>();
  const changedHeads = new Set<Head>();
  const outcomes = intents.map((intent, i): CommitOutcome => {
    const { conv } = keys[i];
    const idKey = key(intent.app, conv, intent.draft.ID);
    const existing = stored.get(idKey);
    if (existing) return duplicateOutcome(intent, existing);
    const head = heads.get(key(intent.app, conv))!;
    const outcome = numberAndWrite(intent, conv, head, lookups, clock, { messages, ats, touches });
    if (outcome.ok) {
      stored.set(idKey, { sender: intent.sender, body: outcome.messageJSON });
      changedHeads.add(head);
    }
    return outcome;
  });
  await writeRows(client, messages, [...changedHeads], [...touches.values()], ats);
  return outcomes;
}

/** Creates the missing counter rows, then locks them all, both in key order; answers them by app and conversation. */
async function lockHeads(client: pg.PoolClient, keys: ReadonlyArray<{ app: number; conv: string }>) {
  const distinct = [...new Map(keys.map((k) => [key(k.app, k.conv), k])).values()];
  const params = [distinct.map((k) => k.app), distinct.map((k) => k.conv)];
  await client.query(
    `INSERT INTO conversation_heads (app, conv, last_seq)
     SELECT app, conv, 0 FROM unnest($1::bigint[], $2::text[]) AS k(app, conv) ORDER BY app, conv COLLATE "C"
     ON CONFLICT DO NOTHING`,
    params,
  );
  const { rows } = await client.query<{ app: number; conv: string; last_seq: number; last_time: number }>(
    `SELECT app, conv, last_seq, last_time FROM conversation_heads
     WHERE (app, conv) IN (SELECT * FROM unnest($1::bigint[], $2::text[]))
     ORDER BY app, conv COLLATE "C" FOR UPDATE`,
    params,
  );
  return new Map<string, Head>(
    rows.map((row) => [
      key(row.app, row.conv),
      { app: row.app, conv: row.conv, lastSeq: row.last_seq, lastTime: row.last_time },
    ]),
  );
}

/** The batch's IDs already stored in their conversations, with their senders. */
async function storedIDs(client: pg.PoolClient, wanted: ReadonlyArray<{ app: number; conv: string; id: string }>) {
  const { rows } = await client.query<{ app: number; conv: string; id: string; sender: string; body: string }>(
    `SELECT m.app, m.conv, m.id, m.sender, m.body FROM messages m
     JOIN unnest($1::bigint[], $2::text[], $3::text[]) AS w(app, conv, id) ON m.id = w.id AND m.app = w.app AND m.conv = w.conv`,
    [wanted.map((w) => w.app), wanted.map((w) => w.conv), wanted.map((w) => w.id)],
  );
  return new Map<string, StoredID>(rows.map((row) => [key(row.app, row.conv, row.id), row]));
}

/** An ID already in the conversation: the first result again when the sender is the same, else 90005. */
function duplicateOutcome(intent: SendIntent, existing: StoredID): CommitOutcome {
  if (existing.sender !== intent.sender)
    return {
      ok: false,
      error: new ChatError(
        ErrorCode.MESSAGE_ID_CONFLICT,
        `Message ID ${intent.draft.ID} is already taken in this conversation; create a new message.`,
      ),
    };
  return {
    ok: true,
    message: JSON.parse(existing.body) as WireMessage,
    messageJSON: existing.body,
    duplicate: true,
    recipients: [],
  };
}

/** One new send (as SqliteCommit.commitOne): its audience, its sequence, and the rows it leaves for `writeRows`. */
function numberAndWrite(
  intent: SendIntent,
  conv: string,
  head: Head,
  lookups: AudienceLookups,
  clock: ActivityClock,
  out: { messages: MessageRow[]; ats: AtRow[]; touches: Map<string, UserConversationTouch> },
): CommitOutcome {
  const { app, sender, draft } = intent;
  const audience = decideAudience(intent, lookups);
  if (audience instanceof ChatError) return { ok: false, error: audience };
  const sequence = ++head.lastSeq;
  head.lastTime = Math.max(Math.floor(Date.now() / 1000), head.lastTime);
  const message: WireMessage = { ...draft, from: sender, time: head.lastTime, sequence };
  if (intent.messageControlInfo) message.messageControlInfo = intent.messageControlInfo;
  if (intent.offlinePushInfo) message.offlinePushInfo = intent.offlinePushInfo;
  const messageJSON = JSON.stringify(message);
  out.messages.push({
    app,
    conv,
    seq: sequence,
    id: draft.ID,
    sender,
    body: messageJSON,
    audience: audience.visibleTo && JSON.stringify(audience.visibleTo),
  });

  const control = intent.messageControlInfo ?? {};
  const lastSeq = control.excludedFromLastMessage ? 0 : sequence;
  const counts = !control.excludedFromUnreadCount && !draft.receiverList;
  const stamp = clock.next();
  const type = draft.conversationType;
  const touch = (userID: string, conversationID: string, unread: number) =>
    mergeTouches(out.touches, { app, userID, conversationID, conversationKey: conv, type, lastSeq, unread, stamp });
  if (!audience.senderOutside) touch(sender, conversationIDFor(message, sender), 0);
  for (const userID of audience.recipients) {
    const conversationID = conversationIDFor(message, userID);
    touch(userID, conversationID, counts ? 1 : 0);
    const atType = type === TYPES.CONV_GROUP ? atTypeFor(draft.atUserList, userID) : 0;
    if (atType) out.ats.push({ app, userID, conversationID, seq: sequence, sender, atType });
  }
  return { ok: true, message, messageJSON, duplicate: false, recipients: audience.recipients };
}

/**
 * The batch's rows, a statement per table. Per-user rows merge as SQLite's deferred writes do
 * (sqlite-derived.ts). A row's updated_at only grows, even from a node whose clock is behind:
 * a deleted conversation (hidden_at, an earlier updated_at) must come back with its next message.
 */
async function writeRows(
  client: pg.PoolClient,
  messages: readonly MessageRow[],
  heads: readonly Head[],
  touches: readonly UserConversationTouch[],
  ats: readonly AtRow[],
): Promise<void> {
  if (messages.length === 0) return;
  await client.query(
    `INSERT INTO messages (app, conv, seq, id, sender, body, audience)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [
      messages.map((m) => m.app),
      messages.map((m) => m.conv),
      messages.map((m) => m.seq),
      messages.map((m) => m.id),
      messages.map((m) => m.sender),
      messages.map((m) => m.body),
      messages.map((m) => m.audience),
    ],
  );
  await client.query(
    `UPDATE conversation_heads h SET last_seq = n.last_seq, last_time = n.last_time
     FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[]) AS n(app, conv, last_seq, last_time)
     WHERE h.app = n.app AND h.conv = n.conv`,
    [heads.map((h) => h.app), heads.map((h) => h.conv), heads.map((h) => h.lastSeq), heads.map((h) => h.lastTime)],
  );
  if (touches.length > 0)
    await client.query(
      `INSERT INTO user_conversations AS uc (app, user_id, conversation_id, conv, type, last_seq, unread, updated_at)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[])
         AS t(app, user_id, conversation_id, conv, type, last_seq, unread, updated_at)
       ORDER BY app, user_id COLLATE "C", conversation_id COLLATE "C"
       ON CONFLICT (app, user_id, conversation_id) DO UPDATE SET unread = uc.unread + excluded.unread,
         updated_at = CASE WHEN excluded.last_seq > uc.last_seq THEN GREATEST(excluded.updated_at, uc.updated_at + 1) ELSE uc.updated_at END,
         last_seq = GREATEST(uc.last_seq, excluded.last_seq)`,
      [
        touches.map((t) => t.app),
        touches.map((t) => t.userID),
        touches.map((t) => t.conversationID),
        touches.map((t) => t.conversationKey),
        touches.map((t) => t.type),
        touches.map((t) => t.lastSeq),
        touches.map((t) => t.unread),
        touches.map((t) => t.stamp),
      ],
    );
  if (ats.length > 0)
    await client.query(
      `INSERT INTO group_at (app, user_id, conversation_id, seq, sender, at_type)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::int[])
       ON CONFLICT DO NOTHING`,
      [
        ats.map((a) => a.app),
        ats.map((a) => a.userID),
        ats.map((a) => a.conversationID),
        ats.map((a) => a.seq),
        ats.map((a) => a.sender),
        ats.map((a) => a.atType),
      ],
    );
}
