import { ChatError } from '../../plugin/errors';

/**
 * What crosses between the server and its store thread. Structured cloning keeps plain data
 * but drops a ChatError's `code`, so errors travel as `{ code, message }` and are rebuilt.
 */
export interface StoreCall {
  id: number;
  method: string;
  args: unknown[];
}

export type StoreReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; code?: number; message: string; stack?: string };

interface EncodedChatError {
  chatErrorCode: number;
  message: string;
}

type Outcome = { ok: false; error: unknown };

function isFailedOutcome(value: unknown): value is Outcome {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false && 'error' in value;
}

/** Store results are plain data, except failed outcomes (`{ ok: false, error }`) in a result or a result list. */
export function encodeResult(result: unknown): unknown {
  const encodeOne = (value: unknown) =>
    isFailedOutcome(value) && value.error instanceof ChatError
      ? { ...value, error: { chatErrorCode: value.error.code, message: value.error.message } satisfies EncodedChatError }
      : value;
  return Array.isArray(result) ? result.map(encodeOne) : encodeOne(result);
}

export function decodeResult(result: unknown): unknown {
  const decodeOne = (value: unknown) => {
    if (!isFailedOutcome(value)) return value;
    const error = value.error as Partial<EncodedChatError>;
    return typeof error.chatErrorCode === 'number' ? { ...value, error: new ChatError(error.chatErrorCode, String(error.message)) } : value;
  };
  return Array.isArray(result) ? result.map(decodeOne) : decodeOne(result);
}
