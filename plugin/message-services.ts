import type { KeywordListMatchType, TranslateTextRequest } from '../protocol/chat-actions';
import type { MessageType } from '../protocol/constants';
import { describe, invalid, own, requireObject } from '../protocol/fields';
import { chatActionSchemas } from '../protocol/schemas/chat-actions';
import { parseWith } from '../protocol/schemas/issues';
import type { ChatCore } from './chat-core';
import { Message } from './message';
import { storedMessageRef } from './reactions';
import type { ChatResponse } from './types';

export interface SearchCloudMessagesOptions {
  keywordList?: string[];
  keywordListMatchType?: KeywordListMatchType;
  senderUserIDList?: string[];
  messageTypeList?: MessageType[];
  conversationID?: string;
  timePosition?: number;
  timePeriod?: number;
  cursor?: string;
}

export interface SearchResultItem {
  conversationID: string;
  messageCount: number;
  messageList: Message[];
}

export interface SearchCloudMessagesData {
  totalCount: number;
  searchResultList: SearchResultItem[];
  cursor: string;
}

/** Cloud search, translation and speech to text: the server does the work (translation and speech through its operator's services). */
export class MessageServicesAPI {
  constructor(private readonly core: ChatCore) {}

  async searchCloudMessages(options: SearchCloudMessagesOptions): Promise<ChatResponse<SearchCloudMessagesData>> {
    const connection = this.core.requireReady();
    const d = parseWith(
      chatActionSchemas.searchCloudMessages,
      options,
      'searchCloudMessages options',
      'searchCloudMessages',
    );
    const answer = await connection.request('searchCloudMessages', d);
    const viewer = this.core.userID();
    return {
      code: 0,
      data: {
        totalCount: answer.totalCount,
        cursor: answer.cursor,
        searchResultList: answer.searchResultList.map((item) => ({
          conversationID: item.conversationID,
          messageCount: item.messageCount,
          messageList: item.messageList.map((wire) => Message.fromWire(wire, viewer)),
        })),
      },
    };
  }

  async translateText(options: TranslateTextRequest): Promise<ChatResponse<{ translatedTextList: string[] }>> {
    const connection = this.core.requireReady();
    const d = parseWith(chatActionSchemas.translateText, options, 'translateText options', 'translateText');
    return { code: 0, data: await connection.request('translateText', d) };
  }

  async convertVoiceToText(options: {
    message: Message;
    language?: string;
  }): Promise<ChatResponse<{ result: string }>> {
    const connection = this.core.requireReady();
    const fields = requireObject(options, 'convertVoiceToText options');
    const message = own(fields, 'message');
    const language = own(fields, 'language');
    if (language !== undefined && typeof language !== 'string')
      throw invalid(`convertVoiceToText's language must be a string such as 'zh' or 'en', got ${describe(language)}.`);
    const ref = storedMessageRef(message, 'convertVoiceToText');
    return {
      code: 0,
      data: await connection.request('convertVoiceToText', language ? { message: ref, language } : { message: ref }),
    };
  }
}
