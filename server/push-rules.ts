import { TYPES } from '../protocol/constants';
import type { WireMessageDraft } from '../protocol/messages';
import type { WireOfflinePushInfo } from '../protocol/send-options';

/**
 * Whether a stored message goes to the offline push hook, by the reference's rules: not when the
 * sender turned it off (`disablePush`), and not for a custom message that says nothing a phone could
 * show, i.e. with neither `offlinePushInfo.description` nor `payload.description`.
 */
export function wantsOfflinePush(draft: WireMessageDraft, offlinePushInfo: WireOfflinePushInfo | undefined): boolean {
  if (offlinePushInfo?.disablePush) return false;
  if (draft.type !== TYPES.MSG_CUSTOM) return true;
  const description = draft.payload.description;
  return Boolean(offlinePushInfo?.description) || (typeof description === 'string' && description !== '');
}
