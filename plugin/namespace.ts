import type { Platform } from '../adapters/platform';
import { Chat } from './chat';
import { EVENT, TYPES } from './constants';
import { resolveOptions } from './options';
import type { ChatOptions } from './types';

export interface TencentCloudChatNamespace {
  /** A new chat instance. Throws ChatError 90003 for a bad SDKAppID or serverURL. */
  create(options: ChatOptions): Chat;
  readonly TYPES: typeof TYPES;
  readonly EVENT: typeof EVENT;
}

/** Builds the `TencentCloudChat` namespace for one build; `pickPlatform` runs at each `create()`. */
export function makeTencentCloudChat(pickPlatform: () => Platform): TencentCloudChatNamespace {
  return Object.freeze({
    create(options: ChatOptions): Chat {
      return new Chat(resolveOptions(options), pickPlatform());
    },
    TYPES,
    EVENT,
  });
}
