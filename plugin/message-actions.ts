import { EVENT, PAYLOAD_MODIFIABLE_TYPES } from '../protocol/constants';
import { conversationIDFor } from '../protocol/conversation-id';
import { ChatError, ErrorCode } from '../protocol/errors';
import { describe, invalid, isPlainObject, own, requireObject } from '../protocol/fields';
import { HISTORY_PAGE_SIZE, MAX_DELETE_MESSAGES } from '../protocol/limits';
import type { WireMessage, WireMessageRef } from '../protocol/messages';
import type { HoppingRequest, ModifyMessageRequest } from '../protocol/operations';
import type { ChatCore } from './chat-core';
import { Message } from './message';
import type { ChatResponse } from './types';
import { requireConversationID } from './validate';

/** `getMessageListHopping(options)`: where to open a conversation, and which way to read. */
export interface GetMessageListHoppingOptions {
  conversationID: string;
  /** The sequence to start at (included); the reference uses it for groups, Tidings for both kinds. */
  sequence?: number;
  /** Without a sequence: the server time (seconds) to start at; the reference uses it for C2C. */
  time?: number;
  /** 0 (default): the start and older; 1: the start and newer. */
  direction?: 0 | 1;
  /** 1 to 15 (the default). */
  count?: number;
}

export interface MessageActionHost {
  core: ChatCore;
  /** A stored message as this user sees it (a new object). */
  toMessage(wire: WireMessage): Message;
  /** A message of a conversation was revoked or modified: its conversation's last message may show it. */
  revised(message: Message): void;
  /** This user deleted messages of a conversation: its last message may now be an older one. */
  deleted(conversationID: string): void;
}

/** Messages findMessage can answer from: the newest this instance made, sent, received or read. */
const MAX_KNOWN_MESSAGES = 5000;

function refOf(message: unknown, name: string): WireMessageRef {
  if (!(message instanceof Message) || message.sequence === 0)
    throw invalid(`${name} needs a message that is stored (sent or received), got ${describe(message)}.`);
  return { conversationID: message.conversationID, ID: message.ID };
}

function optionalWhole(fields: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const value = own(fields, key);
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max)
    throw invalid(`${key} must be a whole number from ${min} to ${max}, got ${describe(value)}.`);
  return value as number;
}

/**
 * revokeMessage, deleteMessage, modifyMessage, findMessage and getMessageListHopping, and the
 * MESSAGE_REVOKED / MESSAGE_MODIFIED pushes. Every Message this instance hands out is remembered
 * (the newest 5000), so a change updates the objects the UI holds and findMessage can answer at once.
 */
export class MessageActionAPI {
  private readonly known = new Map<string, Message>();

  constructor(private readonly host: MessageActionHost) {}

  /**
   * A message this instance sent or hands out: the newest object for its ID. If it shows a change
   * that the object held before missed (its push was lost, or came while this device was offline),
   * that object takes the change and it is reported as a push would have: once.
   */
  remember(message: Message): void {
    const held = this.known.get(message.ID);
    if (held && held !== message && held.conversationID === message.conversationID && held.version < message.version) {
      const revoked = message.isRevoked && !held.isRevoked;
      held.applyRevision(message);
      this.host.revised(held);
      this.host.core.emit(revoked ? EVENT.MESSAGE_REVOKED : EVENT.MESSAGE_MODIFIED, [held]);
    }
    this.known.delete(message.ID);
    this.known.set(message.ID, message);
    if (this.known.size > MAX_KNOWN_MESSAGES) this.known.delete(this.known.keys().next().value as string);
  }

  clear(): void {
    this.known.clear();
  }

  /** The message with this ID among those this instance has (sent, received, or read in history), or null; it does not ask the server. */
  findMessage(messageID: string): Message | null {
    if (typeof messageID !== 'string') return null;
    return this.known.get(messageID) ?? null;
  }

  async revokeMessage(message: Message): Promise<ChatResponse<{ message: Message }>> {
    const connection = this.host.core.requireReady();
    const ref = refOf(message, 'revokeMessage');
    const stored = await connection.request('revokeMessage', { message: ref });
    message.applyRevision(stored.message);
    this.revised(stored.message, message);
    return { code: 0, data: { message } };
  }

  async deleteMessage(messageList: Message[]): Promise<ChatResponse<{ messageList: Message[] }>> {
    const connection = this.host.core.requireReady();
    if (!Array.isArray(messageList) || messageList.length === 0 || messageList.length > MAX_DELETE_MESSAGES)
      throw invalid(
        `deleteMessage needs an array of 1 to ${MAX_DELETE_MESSAGES} messages, got ${describe(messageList)}.`,
      );
    const refs = messageList.map((message: unknown) => refOf(message, 'deleteMessage'));
    if (refs.some((ref) => ref.conversationID !== refs[0].conversationID))
      throw invalid('deleteMessage deletes messages of one conversation at a time.');
    await connection.request('deleteMessage', { messageList: refs });
    for (const message of messageList) message.isDeleted = true;
    this.markDeleted(refs);
    return { code: 0, data: { messageList } };
  }

  /**
   * Sends the message's payload (text, custom, face and location messages) and cloudCustomData as
   * they are now. If another change came first, rejects with 2480 and `err.data.message`, the current message.
   */
  async modifyMessage(message: Message): Promise<ChatResponse<{ message: Message }>> {
    const connection = this.host.core.requireReady();
    const ref = refOf(message, 'modifyMessage');
    if (!isPlainObject(message.payload))
      throw invalid(`message.payload must be an object, got ${describe(message.payload)}.`);
    if (typeof message.cloudCustomData !== 'string')
      throw invalid(`message.cloudCustomData must be a string, got ${describe(message.cloudCustomData)}.`);
    const request: ModifyMessageRequest = {
      message: ref,
      version: message.version,
      cloudCustomData: message.cloudCustomData,
    };
    if (PAYLOAD_MODIFIABLE_TYPES.includes(message.type)) request.payload = message.payload;
    try {
      const stored = await connection.request('modifyMessage', request);
      message.applyRevision(stored.message);
      this.revised(stored.message, message);
      return { code: 0, data: { message } };
    } catch (error) {
      throw this.withCurrentMessage(error);
    }
  }

  async getMessageListHopping(
    options: GetMessageListHoppingOptions,
  ): Promise<ChatResponse<{ messageList: Message[] }>> {
    const connection = this.host.core.requireReady();
    const fields = requireObject(options, 'getMessageListHopping options');
    const request: HoppingRequest = { conversationID: requireConversationID(fields) };
    const sequence = optionalWhole(fields, 'sequence', 1, Number.MAX_SAFE_INTEGER);
    const time = optionalWhole(fields, 'time', 1, Number.MAX_SAFE_INTEGER);
    const direction = optionalWhole(fields, 'direction', 0, 1);
    const count = optionalWhole(fields, 'count', 1, HISTORY_PAGE_SIZE);
    if (sequence === undefined && time === undefined)
      throw invalid('getMessageListHopping needs a sequence (or a time) to start from.');
    if (sequence !== undefined) request.sequence = sequence;
    else request.time = time;
    if (direction !== undefined) request.direction = direction as 0 | 1;
    if (count !== undefined) request.count = count;
    const { messageList } = await connection.request('getMessageListHopping', request);
    return { code: 0, data: { messageList: messageList.map((wire) => this.host.toMessage(wire)) } };
  }

  /** Push: a message of one of this user's conversations was revoked (by anyone, this user's other devices included). */
  onRevoked(wire: WireMessage): void {
    this.host.core.emit(EVENT.MESSAGE_REVOKED, [this.revised(wire)]);
  }

  /** Push: a message of one of this user's conversations was modified. */
  onModified(wire: WireMessage): void {
    this.host.core.emit(EVENT.MESSAGE_MODIFIED, [this.revised(wire)]);
  }

  /** Push: this user deleted messages on another device. */
  onDeleted(list: unknown): void {
    if (!Array.isArray(list)) return;
    const refs = (list as unknown[]).filter((ref): ref is WireMessageRef => isPlainObject(ref));
    for (const ref of refs) {
      const message = this.known.get(ref.ID);
      if (message?.conversationID === ref.conversationID) message.isDeleted = true;
    }
    this.markDeleted(refs);
  }

  /** A change of the stored message from the server: the object held for it (or a new one) takes it, and its conversation is told. */
  private revised(wire: WireMessage, given?: Message): Message {
    const held = [given, this.known.get(wire.ID)].filter(
      (message): message is Message =>
        message !== undefined && message.conversationID === conversationIDFor(wire, this.host.core.userID()),
    );
    // Brought up to date before the fresh copy is remembered, which would otherwise report the change again.
    for (const message of held) message.applyRevision(wire);
    const fresh = this.host.toMessage(wire);
    const message = held[0] ?? fresh;
    if (message !== fresh) {
      message.payload = fresh.payload;
      this.remember(message);
    }
    this.host.revised(message);
    return message;
  }

  /** The conversation list read after a reconnect: a last message changed while this device was away is reported if this instance holds it. */
  listed(lastMessages: ReadonlyArray<WireMessage | null>): void {
    for (const wire of lastMessages) {
      const held = wire && this.known.get(wire.ID);
      if (!held || held.version >= (wire.version ?? 0)) continue;
      // Remembering the fresh copy reports the change on `held`, which stays the object remembered.
      this.host.toMessage(wire);
      this.remember(held);
    }
  }

  private markDeleted(refs: WireMessageRef[]): void {
    if (typeof refs[0]?.conversationID === 'string') this.host.deleted(refs[0].conversationID);
  }

  /** A 2480 from the server carries the current message as it is on the wire: the caller gets it as a Message. */
  private withCurrentMessage(error: unknown): unknown {
    if (!(error instanceof ChatError) || error.code !== ErrorCode.MESSAGE_MODIFY_CONFLICT) return error;
    const current = (error.data as { message?: WireMessage } | undefined)?.message;
    if (!current || typeof current !== 'object') return error;
    return new ChatError(error.code, error.message, { data: { message: this.host.toMessage(current) }, cause: error });
  }
}
