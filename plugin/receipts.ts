import { EVENT } from '../protocol/constants';
import type { ChatCore } from './chat-core';
import { Message } from './message';
import type { WireMessageRef } from '../protocol/messages';
import type { WireExtension, WireReadReceipt } from '../protocol/operations';
import type { ChatResponse } from './types';
import { describe, invalid } from '../protocol/fields';

export type MessageExtension = WireExtension;

/** `MESSAGE_READ_RECEIPT_RECEIVED` data, one entry per message. */
export interface ReadReceiptEvent {
  conversationID: string;
  /** Set for group messages. */
  groupID?: string;
  messageID: string;
  readCount: number;
  unreadCount: number;
}

const MAX_TRACKED_PER_CONVERSATION = 200;

function refsOf(messageList: unknown, name: string): WireMessageRef[] {
  if (!Array.isArray(messageList) || messageList.length === 0)
    throw invalid(`${name} needs a non-empty array of messages, got ${describe(messageList)}.`);
  return messageList.map((message: unknown) => refOf(message, name));
}

function refOf(message: unknown, name: string): WireMessageRef {
  if (!(message instanceof Message) || message.sequence === 0)
    throw invalid(`${name} needs messages that are stored (sent or received), got ${describe(message)}.`);
  return { conversationID: message.conversationID, ID: message.ID };
}

function toEvent(receipt: WireReadReceipt): ReadReceiptEvent {
  const event: ReadReceiptEvent = {
    conversationID: receipt.conversationID,
    messageID: receipt.ID,
    readCount: receipt.readCount,
    unreadCount: receipt.unreadCount,
  };
  if (receipt.conversationID.startsWith('GROUP')) event.groupID = receipt.conversationID.slice('GROUP'.length);
  return event;
}

/**
 * Read receipts (needReadReceipt), C2C peer reads (isPeerRead) and message extensions
 * (isSupportExtension). Messages this instance sent are remembered per conversation, so the
 * reads that come back can update the very objects the UI holds.
 */
export class ReceiptAPI {
  private readonly sent = new Map<string, Message[]>();

  constructor(private readonly core: ChatCore) {}

  /** A message this instance sent or was told about, kept to be updated by later reads. */
  track(message: Message): void {
    if (message.flow !== 'out' || message.sequence === 0) return;
    const list = this.sent.get(message.conversationID) ?? [];
    list.push(message);
    if (list.length > MAX_TRACKED_PER_CONVERSATION) list.shift();
    this.sent.set(message.conversationID, list);
  }

  clear(): void {
    this.sent.clear();
  }

  async sendMessageReadReceipt(messageList: Message[]): Promise<ChatResponse<Record<string, never>>> {
    const connection = this.core.requireReady();
    await connection.request('sendMessageReadReceipt', { messageList: refsOf(messageList, 'sendMessageReadReceipt') });
    return { code: 0, data: {} };
  }

  async getMessageReadReceiptList(messageList: Message[]): Promise<ChatResponse<{ messageList: Message[] }>> {
    const connection = this.core.requireReady();
    const { messageList: receipts } = await connection.request('getMessageReadReceiptList', {
      messageList: refsOf(messageList, 'getMessageReadReceiptList'),
    });
    const byID = new Map(receipts.map((r) => [r.ID, r]));
    for (const message of messageList) {
      const receipt = byID.get(message.ID);
      if (receipt) message.readReceiptInfo = { readCount: receipt.readCount, unreadCount: receipt.unreadCount };
    }
    return { code: 0, data: { messageList } };
  }

  async setMessageExtensions(
    message: Message,
    extensions: MessageExtension[],
  ): Promise<ChatResponse<{ extensions: MessageExtension[] }>> {
    const connection = this.core.requireReady();
    if (!Array.isArray(extensions))
      throw invalid(`extensions must be an array of { key, value }, got ${describe(extensions)}.`);
    return {
      code: 0,
      data: await connection.request('setMessageExtensions', {
        message: refOf(message, 'setMessageExtensions'),
        extensions,
      }),
    };
  }

  async getMessageExtensions(
    message: Message,
  ): Promise<ChatResponse<{ extensions: MessageExtension[]; isCompleted: boolean }>> {
    const connection = this.core.requireReady();
    const { extensions } = await connection.request('getMessageExtensions', {
      message: refOf(message, 'getMessageExtensions'),
    });
    return { code: 0, data: { extensions, isCompleted: true } };
  }

  async deleteMessageExtensions(message: Message, keyList?: string[]): Promise<ChatResponse<{ keyList: string[] }>> {
    const connection = this.core.requireReady();
    const ref = refOf(message, 'deleteMessageExtensions');
    return {
      code: 0,
      data: await connection.request(
        'deleteMessageExtensions',
        keyList === undefined ? { message: ref } : { message: ref, keyList },
      ),
    };
  }

  /** Push: others read messages of ours that asked for a receipt. */
  onReadReceipt(receipts: WireReadReceipt[]): void {
    for (const receipt of receipts) {
      const message = this.sent.get(receipt.conversationID)?.find((m) => m.ID === receipt.ID);
      if (message) message.readReceiptInfo = { readCount: receipt.readCount, unreadCount: receipt.unreadCount };
    }
    this.core.emit(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, receipts.map(toEvent));
  }

  /** Push: the C2C peer read the conversation up to `sequence`. */
  onPeerRead({ conversationID, sequence }: { conversationID: string; sequence: number }): void {
    const newlyRead = (this.sent.get(conversationID) ?? []).filter((m) => !m.isPeerRead && m.sequence <= sequence);
    for (const message of newlyRead) message.isPeerRead = true;
    this.core.emit(EVENT.MESSAGE_READ_BY_PEER, newlyRead);
  }
}
