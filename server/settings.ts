import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TYPES } from '../protocol/constants';
import type { AllowType } from '../protocol/friends';

/**
 * Server-side rules that an operator sets: one JSON file in the data folder,
 * `tidings.config.json`. A missing file or field means the default below; the first
 * start writes the file with every default so it can be edited.
 */
export interface ServerSettings {
  /** Only friends may send each other C2C messages; a stranger gets 20009. */
  friendCheck: boolean;
  /** Words the default moderation hook refuses (80001), matched case-insensitively as substrings. */
  moderationWords: string[];
  /** Where the default offline-push hook POSTs JSON for each offline recipient; '' turns offline push off. */
  pushWebhookURL: string;
  /** Attempts per offline push before giving up (the first try included). */
  pushAttempts: number;
  /** Messages one group accepts per second; the rest are dropped, lower priority first. */
  groupMessagesPerSecond: number;
  /**
   * How long the group limiter gathers a group's sends before admitting them by priority.
   * 0 (default): the sends that arrive in the same turn of the event loop. Tests raise it to
   * make a burst contend as one batch, whatever the timing of its frames.
   */
  groupSendGatherMs: number;
  /** Requests one connection may have waiting for their answer; the next is answered 90014 (busy) at once. */
  maxUnansweredRequests: number;
  /** Output one connection may leave unread (answers and pushes not yet taken by its peer) before it is closed (4002). */
  maxBufferedOutputBytes: number;
  /** How long a new socket may wait before its login; then it is closed (4003). */
  loginTimeoutMs: number;
  /** How long after sending its sender may revoke a message (20016 / 10031 after); group owners and admins may always. */
  revokeTimeLimitSeconds: number;
  /** Where translateText POSTs `{ app, userID, sourceTextList, source, target }`; '' (default): translateText answers 60020. See docs/chat-actions.md. */
  translateWebhookURL: string;
  /** Where convertVoiceToText POSTs `{ app, userID, language, audio }`; '' (default): convertVoiceToText answers 60020. */
  speechToTextWebhookURL: string;
  /**
   * Who may add a user as a friend, for users who set no allowType of their own: AllowType_Type_NeedConfirm
   * (the reference's default: addFriend sends a request, 30539), AllowType_Type_AllowAny or AllowType_Type_DenyAny (30516).
   */
  defaultAllowType: AllowType;
}

export const DEFAULT_SETTINGS: Readonly<ServerSettings> = Object.freeze({
  friendCheck: false,
  moderationWords: [],
  pushWebhookURL: '',
  pushAttempts: 3,
  groupMessagesPerSecond: 40,
  groupSendGatherMs: 0,
  maxUnansweredRequests: 128,
  maxBufferedOutputBytes: 4 * 1024 * 1024,
  loginTimeoutMs: 10_000,
  revokeTimeLimitSeconds: 120,
  translateWebhookURL: '',
  speechToTextWebhookURL: '',
  defaultAllowType: TYPES.ALLOW_TYPE_NEED_CONFIRM,
});

const ALLOW_TYPES: readonly string[] = [
  TYPES.ALLOW_TYPE_NEED_CONFIRM,
  TYPES.ALLOW_TYPE_ALLOW_ANY,
  TYPES.ALLOW_TYPE_DENY_ANY,
];

export const SETTINGS_FILE = 'tidings.config.json';

function fail(field: string, expected: string, value: unknown): never {
  throw new Error(`${SETTINGS_FILE}: ${field} must be ${expected}, got ${JSON.stringify(value)}`);
}

function wholeNumber(field: string, value: unknown, min: number, max: number, unit: string): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
    fail(field, `a whole number of ${unit} from ${min} to ${max}`, value);
  return value as number;
}

/** Checks a settings object field by field; unknown fields are refused so a typo does not silently do nothing. */
export function parseSettings(value: unknown): ServerSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('the file', 'a JSON object', value);
  const input = value as Record<string, unknown>;
  const settings: ServerSettings = { ...DEFAULT_SETTINGS, moderationWords: [] };
  for (const [key, field] of Object.entries(input)) {
    switch (key) {
      case 'friendCheck':
        if (typeof field !== 'boolean') fail(key, 'true or false', field);
        settings.friendCheck = field;
        break;
      case 'moderationWords':
        if (!Array.isArray(field) || !field.every((w) => typeof w === 'string' && w !== ''))
          fail(key, 'an array of non-empty strings', field);
        settings.moderationWords = [...(field as string[])];
        break;
      case 'pushWebhookURL':
      case 'translateWebhookURL':
      case 'speechToTextWebhookURL':
        if (typeof field !== 'string' || (field !== '' && !/^https?:\/\/\S+$/.test(field)))
          fail(key, "an http(s) URL or ''", field);
        settings[key] = field;
        break;
      case 'pushAttempts':
      case 'groupMessagesPerSecond':
        if (!Number.isInteger(field) || (field as number) < 1 || (field as number) > 100_000)
          fail(key, 'a whole number from 1 to 100000', field);
        settings[key] = field as number;
        break;
      case 'groupSendGatherMs':
        settings[key] = wholeNumber(key, field, 0, 10_000, 'milliseconds');
        break;
      case 'maxUnansweredRequests':
        settings[key] = wholeNumber(key, field, 1, 100_000, 'requests');
        break;
      case 'maxBufferedOutputBytes':
        settings[key] = wholeNumber(key, field, 64 * 1024, 1024 * 1024 * 1024, 'bytes');
        break;
      case 'loginTimeoutMs':
        settings[key] = wholeNumber(key, field, 100, 600_000, 'milliseconds');
        break;
      case 'revokeTimeLimitSeconds':
        settings[key] = wholeNumber(key, field, 0, 365 * 86_400, 'seconds');
        break;
      case 'defaultAllowType':
        if (typeof field !== 'string' || !ALLOW_TYPES.includes(field))
          fail(key, `one of ${ALLOW_TYPES.join(', ')}`, field);
        settings.defaultAllowType = field as AllowType;
        break;
      default:
        throw new Error(
          `${SETTINGS_FILE}: unknown setting ${JSON.stringify(key)}; known: ${Object.keys(DEFAULT_SETTINGS).join(', ')}`,
        );
    }
  }
  return settings;
}

/** Reads the data folder's settings file, writing one with the defaults if there is none. */
export function loadSettings(dataDir: string): ServerSettings {
  const file = join(dataDir, SETTINGS_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(DEFAULT_SETTINGS, null, 2)}\n`, { flag: 'wx' });
    return { ...DEFAULT_SETTINGS, moderationWords: [] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${SETTINGS_FILE} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return parseSettings(parsed);
}
