import { ChatError } from '../../protocol/errors';
import type { WireMessage } from '../../protocol/messages';
import type { StoredOutcome } from './store';

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
  { id: number; ok: true; result: unknown } | { id: number; ok: false; code?: number; message: string; stack?: string };

interface EncodedChatError {
  chatErrorCode: number;
  message: string;
}

type Outcome = { ok: false; error: unknown };
/** A stored outcome crosses without its `message`: the JSON says the same and is far cheaper to clone. */
type EncodedStoredOutcome = Omit<StoredOutcome, 'message'>;

function isFailedOutcome(value: unknown): value is Outcome {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false && 'error' in value;
}

function isStoredOutcome(value: unknown): value is EncodedStoredOutcome {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { ok?: unknown }).ok === true &&
    typeof (value as { messageJSON?: unknown }).messageJSON === 'string'
  );
}

/** The outcome again, with `message` parsed from its JSON the first time something reads it (the server mostly needs only the JSON). */
function withMessageParsedOnRead(outcome: EncodedStoredOutcome): StoredOutcome {
  let message: WireMessage | undefined;
  return Object.defineProperty(outcome, 'message', {
    enumerable: true,
    get: () => (message ??= JSON.parse(outcome.messageJSON) as WireMessage),
  }) as StoredOutcome;
}

/** Store results are plain data, except failed outcomes (`{ ok: false, error }`) and stored ones in a result or a result list. */
export function encodeResult(result: unknown): unknown {
  const encodeOne = (value: unknown) => {
    if (isStoredOutcome(value)) {
      const { ok, messageJSON, duplicate, recipients } = value;
      return { ok, messageJSON, duplicate, recipients } satisfies EncodedStoredOutcome;
    }
    return isFailedOutcome(value) && value.error instanceof ChatError
      ? {
          ...value,
          error: { chatErrorCode: value.error.code, message: value.error.message } satisfies EncodedChatError,
        }
      : value;
  };
  return Array.isArray(result) ? result.map(encodeOne) : encodeOne(result);
}

export function decodeResult(result: unknown): unknown {
  const decodeOne = (value: unknown) => {
    if (isStoredOutcome(value)) return withMessageParsedOnRead(value);
    if (!isFailedOutcome(value)) return value;
    const error = value.error as Partial<EncodedChatError>;
    return typeof error.chatErrorCode === 'number'
      ? { ...value, error: new ChatError(error.chatErrorCode, String(error.message)) }
      : value;
  };
  return Array.isArray(result) ? result.map(decodeOne) : decodeOne(result);
}
