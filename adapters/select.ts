import { ChatError, ErrorCode } from '../protocol/errors';
import type { Platform } from '../plugin/platform';

/** The first candidate that runs here. Only adapters in this build are candidates. */
export function getAdapter(candidates: readonly Platform[]): Platform {
  const supported = candidates.find((platform) => platform.isSupported());
  if (supported) return supported;
  const tried = candidates.map((platform) => platform.name).join(', ') || 'none';
  throw new ChatError(
    ErrorCode.INVALID_PARAMETER,
    `No platform adapter of this build is supported in this environment (tried: ${tried}). Use the Tidings build made for this platform.`,
  );
}
