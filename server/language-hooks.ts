import { ChatError, ErrorCode } from '../protocol/errors';
import type { ServerSettings } from './settings';

/** What the translation hook is asked: the texts, in order, and the languages (`source` may be 'auto'). */
export interface TranslateInput {
  app: number;
  userID: string;
  sourceTextList: string[];
  source: string;
  target: string;
}

/** What the speech-to-text hook is asked: one audio message's file, whole, and the language wanted. */
export interface SpeechToTextInput {
  app: number;
  userID: string;
  /** '' when the caller left it to the service. */
  language: string;
  audio: {
    /** The file's key (`/files/<key>` on this server). */
    key: string;
    mime: string;
    size: number;
    /** Seconds, as the sender's recorder gave them. */
    second: number;
    base64: string;
  };
}

/** Voice messages longer than this are not sent to the speech-to-text service (90003). */
export const MAX_SPEECH_AUDIO_BYTES = 10 * 1024 * 1024;
const WEBHOOK_TIMEOUT_MS = 15_000;

function notEnabled(what: string, setting: string): ChatError {
  return new ChatError(
    ErrorCode.FEATURE_NOT_ENABLED,
    `This server has no ${what} service: its operator sets ${setting} in tidings.config.json (or passes a hook to startServer).`,
  );
}

function serviceFailed(what: string, detail: string): ChatError {
  return new ChatError(ErrorCode.SERVER_ERROR, `The ${what} service failed: ${detail}. Try again later.`);
}

async function postJSON(url: string, body: unknown, what: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (error) {
    throw serviceFailed(what, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw serviceFailed(what, `it answered HTTP ${response.status}`);
  const parsed: unknown = await response.json().catch(() => null);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw serviceFailed(what, 'its answer is not a JSON object');
  return parsed as Record<string, unknown>;
}

/** POSTs the TranslateInput as JSON to `translateWebhookURL`; expects `{ translatedTextList: string[] }`, one per text. */
export function webhookTranslate(settings: ServerSettings): (input: TranslateInput) => Promise<string[]> {
  return async (input) => {
    if (!settings.translateWebhookURL) throw notEnabled('translation', 'translateWebhookURL');
    const { translatedTextList } = await postJSON(settings.translateWebhookURL, input, 'translation');
    if (
      !Array.isArray(translatedTextList) ||
      translatedTextList.length !== input.sourceTextList.length ||
      !translatedTextList.every((text) => typeof text === 'string')
    )
      throw serviceFailed('translation', 'its answer has no translatedTextList with one string per text');
    return translatedTextList;
  };
}

/** POSTs the SpeechToTextInput as JSON to `speechToTextWebhookURL`; expects `{ result: string }`. */
export function webhookSpeechToText(settings: ServerSettings): (input: SpeechToTextInput) => Promise<string> {
  return async (input) => {
    if (!settings.speechToTextWebhookURL) throw notEnabled('speech-to-text', 'speechToTextWebhookURL');
    const { result } = await postJSON(settings.speechToTextWebhookURL, input, 'speech-to-text');
    if (typeof result !== 'string') throw serviceFailed('speech-to-text', 'its answer has no result string');
    return result;
  };
}
