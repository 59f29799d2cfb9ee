import type { Logger } from 'pino';
import type { WireMessage, WireMessageDraft } from '../protocol/messages';
import type { WireOfflinePushInfo } from '../protocol/send-options';
import type { ServerSettings } from './settings';
import type { SpeechToTextInput, TranslateInput } from './language-hooks';

/** What the moderation hook sees of a message before it is stored. */
export interface ModerationInput {
  app: number;
  sender: string;
  draft: WireMessageDraft;
}

export type ModerationVerdict = { ok: true } | { ok: false; reason: string };

/** One offline recipient of a stored message. */
export interface OfflinePushInput {
  app: number;
  userID: string;
  message: WireMessage;
  offlinePushInfo: WireOfflinePushInfo;
}

/**
 * Points where an operator plugs in their own services. Pass them to `startServer({ hooks })`;
 * the defaults are below.
 */
export interface ServerHooks {
  /** Refusing answers the sender 80001 with the reason; nothing is stored. */
  moderate(input: ModerationInput): Promise<ModerationVerdict>;
  /** Called once per offline recipient after the message is stored; failures are the hook's to handle. */
  offlinePush(input: OfflinePushInput): Promise<void>;
  /** translateText: one translation per text, in order. Throw a ChatError to refuse (the default: 60020 without `translateWebhookURL`). */
  translateText(input: TranslateInput): Promise<string[]>;
  /** convertVoiceToText: the audio's text. Throw a ChatError to refuse (the default: 60020 without `speechToTextWebhookURL`). */
  speechToText(input: SpeechToTextInput): Promise<string>;
}

export interface HookStats {
  offlinePushesDelivered: number;
  offlinePushesFailed: number;
}

/** Refuses text containing any of the configured words (case-insensitive). */
export function wordListModeration(words: readonly string[]): ServerHooks['moderate'] {
  const lowered = words.map((word) => word.toLowerCase());
  return async ({ draft }) => {
    const text = typeof draft.payload.text === 'string' ? draft.payload.text.toLowerCase() : '';
    const hit = lowered.find((word) => text.includes(word));
    return hit === undefined
      ? { ok: true }
      : { ok: false, reason: 'The text contains a word this server does not allow.' };
  };
}

/** POSTs `{ app, userID, message, offlinePushInfo }` as JSON to the webhook, retrying with backoff. */
export function webhookOfflinePush(
  settings: ServerSettings,
  log: Logger,
  stats: HookStats,
  retryDelayMs = 200,
): ServerHooks['offlinePush'] {
  return async (input) => {
    if (!settings.pushWebhookURL) return;
    const body = JSON.stringify(input);
    for (let attempt = 1; attempt <= settings.pushAttempts; attempt++) {
      try {
        const response = await fetch(settings.pushWebhookURL, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(5000),
        });
        if (response.ok) {
          stats.offlinePushesDelivered += 1;
          return;
        }
        log.warn({ status: response.status, attempt }, 'offline push webhook refused');
      } catch (error) {
        log.warn({ err: error, attempt }, 'offline push webhook failed');
      }
      if (attempt < settings.pushAttempts)
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** (attempt - 1)));
    }
    stats.offlinePushesFailed += 1;
  };
}
