import type Database from 'better-sqlite3';
import { TYPES } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { conversationIDFor } from '../../protocol/conversation-id';
import type { WireMessage } from '../../protocol/messages';
import { conversationKeyOf } from './conversation-key';
import { atTypeFor } from './at-type';
import type { C2CRelation } from '../c2c-rules';
import { decideAudience, type AudienceLookups } from './audience';
import type { SqliteGroups } from './sqlite-groups';
import type { SqliteSocial } from './sqlite-social';
import {
  DerivedConversationWrites,
  mergeTouches,
  type ConversationHead,
  type UserConversationTouch,
} from './sqlite-derived';
import type { CommitOutcome, RecipientsOutcome, SendIntent } from './store';

/** What one transaction changes besides the message rows, merged per conversation and per user. */
class BatchWrites {
  readonly lastSeqs = new Map<string, ConversationHead>();
  readonly userConversations = new Map<string, UserConversationTouch>();
  /** C2C relations looked up so far in this transaction. */
  readonly c2cRelations = new Map<string, C2CRelation>();

  touch(row: UserConversationTouch): void {
    mergeTouches(this.userConversations, row);
  }
}

/** Writes batches of sends for the SQLite store: sequences, message rows, per-user conversation rows, @ marks. */
export class SqliteCommit {
  private readonly statements;
  private lastActivityStamp: number;
  /** Conversation heads and per-user rows: logged with each commit, written to their tables later. */
  readonly derived: DerivedConversationWrites;

  constructor(
    private readonly db: Database.Database,
    private readonly groups: SqliteGroups,
    private readonly social: SqliteSocial,
  ) {
    this.derived = new DerivedConversationWrites(db);
    this.derived.recover();
    this.statements = {
      messageByID: db.prepare<[number, string, string], { sender: string; body: string }>(
        'SELECT sender, body FROM messages WHERE app = ? AND conv = ? AND id = ?',
      ),
      insertMessage: db.prepare(
        'INSERT INTO messages (app, conv, seq, id, sender, body, audience) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertAt: db.prepare(
        'INSERT OR IGNORE INTO group_at (app, user_id, conversation_id, seq, sender, at_type) VALUES (?, ?, ?, ?, ?, ?)',
      ),
    };
    const newest = db
      .prepare<[], { stamp: number | null }>('SELECT MAX(updated_at) AS stamp FROM user_conversations')
      .get();
    this.lastActivityStamp = newest?.stamp ?? 0;
  }

  /** Wall-clock milliseconds, nudged forward so that no two messages share a stamp even within one millisecond. */
  private nextActivityStamp(): number {
    this.lastActivityStamp = Math.max(Date.now(), this.lastActivityStamp + 1);
    return this.lastActivityStamp;
  }

  commit(intents: SendIntent[]): CommitOutcome[] {
    const batch = new BatchWrites();
    const outcomes = this.db.transaction(() => {
      const lookups = this.audienceLookups(batch);
      const results = intents.map((intent) => this.commitOne(intent, batch, lookups));
      if (batch.lastSeqs.size > 0) this.derived.log(batch.userConversations.values(), batch.lastSeqs.values());
      return results;
    })();
    // Only once the transaction has committed: a failed one leaves nothing waiting.
    this.derived.hold(batch.userConversations.values(), batch.lastSeqs.values());
    return outcomes;
  }

  /** Who a message that is not stored (onlineUserOnly) reaches: the decision a commit makes, read in a transaction of its own. */
  recipientsOf(intent: SendIntent): RecipientsOutcome {
    return this.db.transaction((): RecipientsOutcome => {
      const audience = decideAudience(intent, this.audienceLookups());
      return audience instanceof ChatError
        ? { ok: false, error: audience }
        : { ok: true, recipients: audience.recipients };
    })();
  }

  /** What decideAudience reads. Relations cannot change inside a transaction: a batch looks up each sender-receiver pair once. */
  private audienceLookups(batch?: BatchWrites): AudienceLookups {
    return {
      c2cRelation: (app, sender, to) => {
        if (!batch) return this.social.c2cRelation(app, sender, to);
        const key = `${app}\u0000${sender}\u0000${to}`;
        let relation = batch.c2cRelations.get(key);
        if (!relation) batch.c2cRelations.set(key, (relation = this.social.c2cRelation(app, sender, to)));
        return relation;
      },
      groupMemberIDs: (app, groupID) => this.groups.conversationMemberIDs(app, groupID),
    };
  }

  private commitOne(intent: SendIntent, batch: BatchWrites, lookups: AudienceLookups): CommitOutcome {
    const { app, sender, draft } = intent;
    const conversationKey = conversationKeyOf(sender, draft);
    const existing = this.statements.messageByID.get(app, conversationKey, draft.ID);
    if (existing) {
      if (existing.sender !== sender) {
        return {
          ok: false,
          error: new ChatError(
            ErrorCode.MESSAGE_ID_CONFLICT,
            `Message ID ${draft.ID} is already taken in this conversation; create a new message.`,
          ),
        };
      }
      return {
        ok: true,
        message: JSON.parse(existing.body) as WireMessage,
        messageJSON: existing.body,
        duplicate: true,
        recipients: [],
      };
    }
    const audience = decideAudience(intent, lookups);
    if (audience instanceof ChatError) return { ok: false, error: audience };
    const headKey = `${app}\u0000${conversationKey}`;
    const sequence = (batch.lastSeqs.get(headKey)?.lastSeq ?? this.derived.lastSeq(app, conversationKey)) + 1;
    batch.lastSeqs.set(headKey, { app, conversationKey, lastSeq: sequence });
    const message: WireMessage = { ...draft, from: sender, time: Math.floor(Date.now() / 1000), sequence };
    if (intent.messageControlInfo) message.messageControlInfo = intent.messageControlInfo;
    if (intent.offlinePushInfo) message.offlinePushInfo = intent.offlinePushInfo;
    const messageJSON = JSON.stringify(message);
    this.statements.insertMessage.run(
      app,
      conversationKey,
      sequence,
      draft.ID,
      sender,
      messageJSON,
      audience.visibleTo && JSON.stringify(audience.visibleTo),
    );

    const control = intent.messageControlInfo ?? {};
    const lastSeq = control.excludedFromLastMessage ? 0 : sequence;
    const counts = !control.excludedFromUnreadCount && !draft.receiverList;
    const stamp = this.nextActivityStamp();
    const type = draft.conversationType;
    if (!audience.senderOutside)
      batch.touch({
        app,
        userID: sender,
        conversationID: conversationIDFor(message, sender),
        conversationKey,
        type,
        lastSeq,
        unread: 0,
        stamp,
      });
    for (const userID of audience.recipients) {
      const conversationID = conversationIDFor(message, userID);
      batch.touch({ app, userID, conversationID, conversationKey, type, lastSeq, unread: counts ? 1 : 0, stamp });
      const atType = type === TYPES.CONV_GROUP ? atTypeFor(draft.atUserList, userID) : 0;
      if (atType) this.statements.insertAt.run(app, userID, conversationID, sequence, sender, atType);
    }
    return { ok: true, message, messageJSON, duplicate: false, recipients: audience.recipients };
  }
}
