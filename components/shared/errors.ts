import type { ChatMessage } from './message';

/** The `{ code, message }` of `load-error` and of `send-fail`'s `error`: a ChatError's, or 0 and the text of anything else thrown. */
export interface ErrorDetail {
  code: number;
  message: string;
}

export function errorDetail(error: unknown): ErrorDetail {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'number' ? code : 0,
    message: typeof message === 'string' && message !== '' ? message : String(error),
  };
}

/** chat-composer's `send-fail` detail; `message` is null when the message could not even be created. */
export interface SendFailDetail {
  message: ChatMessage | null;
  error: ErrorDetail;
}

export function sendFailDetail(message: ChatMessage | null, error: unknown): SendFailDetail {
  return { message, error: errorDetail(error) };
}
