import type { WireMessageReactions, WireReaction, WireReactionUser } from '../protocol/chat-actions';
import { EVENT } from '../protocol/constants';
import { describe, invalid, isPlainObject, own, requireObject } from '../protocol/fields';
import type { WireMessageRef } from '../protocol/messages';
import type { Pushes } from '../protocol/operations';
import type { ChatCore } from './chat-core';
import { Message } from './message';
import type { ChatResponse } from './types';

export type MessageReaction = WireReaction;
export type ReactionUser = WireReactionUser;

/** MESSAGE_REACTIONS_UPDATED data: a message's reactions after someone added or removed one. */
export interface ReactionsUpdatedEvent {
  conversationID: string;
  /** The reference's spelling. One entry per message whose reactions changed. */
  changInfoList: WireMessageReactions[];
}

/** `{ conversationID, ID }` of a message that is stored (sent or received); 90003 for anything else. */
export function storedMessageRef(message: unknown, name: string): WireMessageRef {
  if (!(message instanceof Message) || message.sequence === 0)
    throw invalid(`${name} needs a message that is stored (sent or received), got ${describe(message)}.`);
  return { conversationID: message.conversationID, ID: message.ID };
}

function reactionIDOf(reactionID: unknown, name: string): string {
  if (typeof reactionID !== 'string' || reactionID === '')
    throw invalid(`${name} needs a reactionID (a non-empty string such as an emoji key), got ${describe(reactionID)}.`);
  return reactionID;
}

/** Message reactions (addMessageReaction and the rest) and their MESSAGE_REACTIONS_UPDATED pushes. */
export class ReactionAPI {
  constructor(private readonly core: ChatCore) {}

  async addMessageReaction(message: Message, reactionID: string): Promise<ChatResponse<WireMessageReactions>> {
    const connection = this.core.requireReady();
    const d = {
      message: storedMessageRef(message, 'addMessageReaction'),
      reactionID: reactionIDOf(reactionID, 'addMessageReaction'),
    };
    return { code: 0, data: await connection.request('addMessageReaction', d) };
  }

  async removeMessageReaction(message: Message, reactionID: string): Promise<ChatResponse<WireMessageReactions>> {
    const connection = this.core.requireReady();
    const d = {
      message: storedMessageRef(message, 'removeMessageReaction'),
      reactionID: reactionIDOf(reactionID, 'removeMessageReaction'),
    };
    return { code: 0, data: await connection.request('removeMessageReaction', d) };
  }

  async getMessageReactions(options: {
    messageList: Message[];
    maxUserCountPerReaction?: number;
  }): Promise<ChatResponse<{ resultList: WireMessageReactions[] }>> {
    const connection = this.core.requireReady();
    const fields = requireObject(options, 'getMessageReactions options');
    const messageList = own(fields, 'messageList');
    if (!Array.isArray(messageList) || messageList.length === 0)
      throw invalid(
        `getMessageReactions needs messageList, a non-empty array of messages, got ${describe(messageList)}.`,
      );
    const refs = messageList.map((message: unknown) => storedMessageRef(message, 'getMessageReactions'));
    const max = own(fields, 'maxUserCountPerReaction') ?? own(fields, 'maxUserNumPerReaction');
    const d = max === undefined ? { messageList: refs } : { messageList: refs, maxUserCountPerReaction: max as number };
    return { code: 0, data: await connection.request('getMessageReactions', d) };
  }

  async getAllUserListOfMessageReaction(options: {
    message: Message;
    reactionID: string;
    nextSeq?: number;
    count?: number;
  }): Promise<ChatResponse<{ userList: ReactionUser[]; nextSeq: number; isCompleted: boolean }>> {
    const connection = this.core.requireReady();
    const fields = requireObject(options, 'getAllUserListOfMessageReaction options');
    const d: { message: WireMessageRef; reactionID: string; nextSeq?: number; count?: number } = {
      message: storedMessageRef(own(fields, 'message'), 'getAllUserListOfMessageReaction'),
      reactionID: reactionIDOf(own(fields, 'reactionID'), 'getAllUserListOfMessageReaction'),
    };
    const nextSeq = own(fields, 'nextSeq');
    const count = own(fields, 'count');
    if (nextSeq !== undefined) d.nextSeq = nextSeq as number;
    if (count !== undefined) d.count = count as number;
    return { code: 0, data: await connection.request('getAllUserListOfMessageReaction', d) };
  }

  /** Push: a message's reactions changed (by anyone, this user's other devices included). */
  onReactionsUpdated(update: unknown): void {
    if (
      !isPlainObject(update) ||
      typeof update.conversationID !== 'string' ||
      typeof update.messageID !== 'string' ||
      !Array.isArray(update.reactionList)
    )
      return;
    const { conversationID, messageID, reactionList } = update as unknown as Pushes['reactionsUpdated'];
    this.core.emit(EVENT.MESSAGE_REACTIONS_UPDATED, {
      conversationID,
      changInfoList: [{ messageID, reactionList }],
    });
  }
}
