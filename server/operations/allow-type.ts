import type { AllowType } from '../../protocol/friends';
import type { OperationContext } from './context';

/** Who may add `userID` as a friend: their profile's allowType (the server's `defaultAllowType` until they update their profile). */
export async function allowTypeOf(ctx: OperationContext, app: number, userID: string): Promise<AllowType> {
  return (await ctx.profiles.get(app, userID)).allowType;
}
