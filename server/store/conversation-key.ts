import type { WireMessageDraft } from '../../protocol/messages';

/**
 * The server's name for a conversation, the same for both sides of a C2C chat
 * (`c2c:<lower id>:<higher id>`; ':' cannot occur in a userID), and `group:<groupID>` for groups.
 */
export function conversationKey(sender: string, draft: Pick<WireMessageDraft, 'conversationType' | 'to'>): string {
  if (draft.conversationType === 'C2C') {
    const [a, b] = sender < draft.to ? [sender, draft.to] : [draft.to, sender];
    return `c2c:${a}:${b}`;
  }
  return `group:${draft.to}`;
}
