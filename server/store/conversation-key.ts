import type { WireMessageDraft } from '../../protocol/messages';

/**
 * A conversation's storage key, the same for both sides of a C2C chat (`c2c:<lower id>:<higher id>`;
 * ':' cannot occur in a userID), `group:<groupID>` for groups, and `system:<userID>` for a user's own
 * `@TIM#SYSTEM` conversation: a notice names its owner in `to`; a reader (whose conversationID names
 * no one) reads their own. Never sent to clients: they name a conversation by its conversationID,
 * which for C2C differs per side (`C2C<peer>`).
 */
export function conversationKeyOf(sender: string, draft: Pick<WireMessageDraft, 'conversationType' | 'to'>): string {
  if (draft.conversationType === 'C2C') {
    const [a, b] = sender < draft.to ? [sender, draft.to] : [draft.to, sender];
    return `c2c:${a}:${b}`;
  }
  if (draft.conversationType === '@TIM#SYSTEM') return `system:${draft.to || sender}`;
  return `group:${draft.to}`;
}
