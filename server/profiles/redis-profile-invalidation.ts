import type { RedisChannels } from '../redis-channels';
import type { RedisNode } from '../redis-node';
import type { ProfileInvalidation, ProfileInvalidationListener } from './profile-invalidation';

/**
 * Profile changes on one channel, `<prefix>profiles`: `<nodeID>\n<app>\n<userID>`. Each node drops its
 * copy of a profile another node changed; after a reconnection of the subscriber (changes may have
 * been missed meanwhile) it drops them all.
 */
export class RedisProfileInvalidation implements ProfileInvalidation {
  private readonly channel: string;
  private readonly listeners: ProfileInvalidationListener[] = [];

  constructor(
    private readonly node: RedisNode,
    channels: RedisChannels,
  ) {
    this.channel = node.key('profiles');
    void channels.listen(this.channel, (message) => this.received(message));
    channels.onReconnect(() => {
      for (const listener of this.listeners) listener.dropAll();
    });
  }

  async changed(app: number, userID: string): Promise<void> {
    try {
      await this.node.redis.publish(this.channel, `${this.node.id}\n${app}\n${userID}`);
    } catch (error) {
      this.node.faults.report('Redis: a profile change was not told to other nodes', error);
    }
  }

  listen(listener: ProfileInvalidationListener): void {
    this.listeners.push(listener);
  }

  private received(message: string): void {
    const first = message.indexOf('\n');
    const second = message.indexOf('\n', first + 1);
    if (message.slice(0, first) === this.node.id) return;
    const app = Number(message.slice(first + 1, second));
    const userID = message.slice(second + 1);
    for (const listener of this.listeners) listener.drop(app, userID);
  }
}
