import type { AllowType } from '../../protocol/friends';
import type { OperationContext } from './context';

/**
 * Who may add `userID` as a friend. Users cannot set their own allowType on this branch yet
 * (updateMyProfile({ allowType }) arrives with the profile store), so this answers the server's
 * `defaultAllowType` setting; when profiles exist, read the user's stored allowType here first.
 */
export async function allowTypeOf(ctx: OperationContext, _app: number, _userID: string): Promise<AllowType> {
  return ctx.settings.defaultAllowType;
}
