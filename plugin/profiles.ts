import type { ChatCore } from './chat-core';
import { EVENT } from '../protocol/constants';
import { requireObject } from '../protocol/fields';
import type { WireMessage } from '../protocol/messages';
import type { WireConversation } from '../protocol/operations';
import type { WireProfile } from '../protocol/profiles';
import { profileRequestSchemas } from '../protocol/schemas/profiles';
import { parseWith } from '../protocol/schemas/issues';
import type { ConversationGroupProfile, ConversationUserProfile } from './conversations';
import type { Message } from './message';
import type { ChatResponse } from './types';

export type Profile = WireProfile;
export type { ProfileUpdate as UpdateMyProfileOptions } from '../protocol/profiles';

/** How long a batch of unknown users waits before one getUserProfile asks for them all. */
const LOOKUP_BATCH_MS = 50;

/**
 * getMyProfile, getUserProfile, updateMyProfile and PROFILE_UPDATED; and the nicks, avatars and
 * group names this client knows, which conversations (userProfile, groupProfile) and messages show.
 * It learns them from the conversation list, messages, profile answers and pushes, and asks the
 * server for a C2C peer it has not met.
 */
export class ProfileAPI {
  private readonly users = new Map<string, ConversationUserProfile>();
  private readonly groups = new Map<string, ConversationGroupProfile>();
  private readonly wanted = new Set<string>();
  private lookupTimer: ReturnType<typeof setTimeout> | null = null;

  /** `conversationsChanged`: a nick or avatar a conversation shows changed. */
  constructor(
    private readonly core: ChatCore,
    private readonly conversationsChanged: () => void,
  ) {}

  async getMyProfile(): Promise<ChatResponse<Profile>> {
    const { profile } = await this.core.requireReady().request('getMyProfile', {});
    this.learn(profile);
    return { code: 0, data: profile };
  }

  async getUserProfile(options: { userIDList: string[] }): Promise<ChatResponse<Profile[]>> {
    const connection = this.core.requireReady();
    const request = parseWith(profileRequestSchemas.getUserProfile, options, '', 'getUserProfile');
    const { profileList } = await connection.request('getUserProfile', request);
    for (const profile of profileList) this.learn(profile);
    return { code: 0, data: profileList };
  }

  async updateMyProfile(options: unknown): Promise<ChatResponse<Profile>> {
    const connection = this.core.requireReady();
    const update = parseWith(
      profileRequestSchemas.updateMyProfile,
      requireObject(options, 'updateMyProfile options'),
      '',
      'updateMyProfile',
    );
    const { profile } = await connection.request('updateMyProfile', update);
    // The server tells the user's other devices and friends; this instance hears it here.
    this.onProfileUpdated(profile);
    return { code: 0, data: profile };
  }

  /** A `profileUpdated` push, or this instance's own update. */
  onProfileUpdated(profile: Profile): void {
    if (this.learn(profile)) this.conversationsChanged();
    this.core.emit(EVENT.PROFILE_UPDATED, [profile]);
  }

  /** The nicks, avatars and group names the server put on the conversation list. */
  learnConversations(list: readonly WireConversation[]): void {
    for (const conversation of list) {
      if (conversation.userProfile) this.learn(conversation.userProfile);
      if (conversation.groupProfile)
        this.groups.set(conversation.groupProfile.groupID, { ...conversation.groupProfile });
    }
  }

  /** A message from the server: it shows its sender's nick and avatar, as stamped or as known. */
  decorate(message: Message, wire: WireMessage): void {
    if (wire.nick !== undefined || wire.avatar !== undefined) {
      message.nick = wire.nick ?? '';
      message.avatar = wire.avatar ?? '';
      if (!this.users.has(wire.from)) this.learn({ userID: wire.from, nick: message.nick, avatar: message.avatar });
      return;
    }
    const known = this.users.get(wire.from);
    if (known) {
      message.nick = known.nick;
      message.avatar = known.avatar;
    }
  }

  /** For a conversation: the peer as known; an unknown one is looked up and the list updated when it arrives. */
  user(userID: string): ConversationUserProfile {
    const known = this.users.get(userID);
    if (known) return { ...known };
    this.lookUp(userID);
    return { userID, nick: '', avatar: '' };
  }

  group(groupID: string): ConversationGroupProfile | undefined {
    const known = this.groups.get(groupID);
    return known && { ...known };
  }

  clear(): void {
    this.users.clear();
    this.groups.clear();
    this.wanted.clear();
    if (this.lookupTimer) clearTimeout(this.lookupTimer);
    this.lookupTimer = null;
  }

  /** Remembers a user's nick and avatar; answers whether they changed. */
  private learn({ userID, nick, avatar }: ConversationUserProfile): boolean {
    const known = this.users.get(userID);
    this.users.set(userID, { userID, nick, avatar });
    return known !== undefined && (known.nick !== nick || known.avatar !== avatar);
  }

  private lookUp(userID: string): void {
    this.wanted.add(userID);
    this.lookupTimer ??= setTimeout(() => void this.fetchWanted(), LOOKUP_BATCH_MS);
  }

  private async fetchWanted(): Promise<void> {
    this.lookupTimer = null;
    const userIDList = [...this.wanted].slice(0, 100);
    for (const userID of userIDList) this.wanted.delete(userID);
    if (this.wanted.size > 0) this.lookupTimer = setTimeout(() => void this.fetchWanted(), LOOKUP_BATCH_MS);
    try {
      const { profileList } = await this.core.requireReady().request('getUserProfile', { userIDList });
      for (const profile of profileList) this.learn(profile);
      this.conversationsChanged();
    } catch {
      // Logged out or offline: the next list that needs them asks again.
    }
  }
}
