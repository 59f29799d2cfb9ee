import type { Platform } from './platform';
import { Chat } from './chat';
import { EVENT, TYPES } from '../protocol/constants';
import { ChatError, ErrorCode } from '../protocol/errors';
import { resolveOptions } from './options';
import type { ChatOptions } from './types';

export interface TencentCloudChatNamespace {
  /** A new chat instance. Throws ChatError 90003 for a bad SDKAppID or serverURL. */
  create(options: ChatOptions): Chat;
  readonly TYPES: typeof TYPES;
  readonly EVENT: typeof EVENT;
}

const PLATFORM_METHODS = [
  'isSupported',
  'connectSocket',
  'request',
  'readFile',
  'describeFile',
  'onAppShow',
  'onAppHide',
  'onNetworkChange',
] as const;

/** `create({ platform })`: a Platform object named by the app, checked for what the core calls. */
function explicitPlatform(options: ChatOptions): Platform | undefined {
  const platform: unknown = options.platform;
  if (platform === undefined) return undefined;
  const missing =
    typeof platform === 'object' && platform !== null
      ? PLATFORM_METHODS.filter((name) => typeof (platform as Record<string, unknown>)[name] !== 'function')
      : ['everything'];
  if (missing.length > 0)
    throw new ChatError(
      ErrorCode.INVALID_PARAMETER,
      `create({ platform }) needs a Platform (see plugin/platform.ts); it lacks ${missing.join(', ')}.`,
    );
  const chosen = platform as Platform;
  if (!chosen.isSupported())
    throw new ChatError(
      ErrorCode.INVALID_PARAMETER,
      `The ${chosen.name} platform given to create() is not supported in this environment.`,
    );
  return chosen;
}

/** Builds the `TencentCloudChat` namespace for one build; `pickPlatform` runs at each `create()`. */
export function makeTencentCloudChat(pickPlatform: () => Platform): TencentCloudChatNamespace {
  return Object.freeze({
    create(options: ChatOptions): Chat {
      const resolved = resolveOptions(options);
      return new Chat(resolved, explicitPlatform(options) ?? pickPlatform());
    },
    TYPES,
    EVENT,
  });
}
