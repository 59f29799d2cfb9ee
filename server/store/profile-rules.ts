import { ChatError, ErrorCode } from '../../protocol/errors';
import { MAX_PROFILE_CUSTOM_FIELDS } from '../../protocol/limits';
import { defaultProfile, type WireProfile } from '../../protocol/profiles';

/** A stored profile (its JSON body); fields added to the profile since it was stored get their defaults. */
export function storedProfile(userID: string, body: string): WireProfile {
  return { ...defaultProfile(userID), ...(JSON.parse(body) as WireProfile) };
}

/** 90003 when an update would leave the profile with too many custom fields. */
export function profileFieldsRefusal(next: WireProfile): ChatError | null {
  if (next.profileCustomField.length <= MAX_PROFILE_CUSTOM_FIELDS) return null;
  return new ChatError(
    ErrorCode.INVALID_PARAMETER,
    `A profile may have at most ${MAX_PROFILE_CUSTOM_FIELDS} custom fields; this change would make it ${next.profileCustomField.length}. Remove some (an empty value removes a key).`,
  );
}
