/** Bounds of the conversation actions, the same for the SDK and the server. */

/** Conversations one deleteConversation / markConversation call may name (the reference's bulk limit). */
export const MAX_CONVERSATIONS_PER_CALL = 100;

/** C2C conversations one setMessageRemindType call may mute (userIDList). */
export const MAX_REMIND_USERS_PER_CALL = 30;

/** A draft is kept on the server for every device: at most this many UTF-8 bytes. */
export const MAX_DRAFT_BYTES = 8 * 1024;

/** setConversationCustomData: at most this many UTF-8 bytes, as the reference. */
export const MAX_CONVERSATION_CUSTOM_DATA_BYTES = 256;

/** Conversation groups (createConversationGroup): at most this many per user, names of 1 to 32 bytes, as the reference. */
export const MAX_CONVERSATION_GROUPS = 20;
export const MAX_CONVERSATION_GROUP_NAME_BYTES = 32;
