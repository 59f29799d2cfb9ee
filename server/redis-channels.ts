import type { Redis } from 'ioredis';
import type { FaultLog } from './redis-node';

type Handler = (message: string) => void;

/** How many channels one SUBSCRIBE names when all are subscribed again. */
const RESUBSCRIBE_CHUNK = 1000;

/**
 * The channels this node listens to, on its one subscriber connection. ioredis subscribes again
 * after a reconnection (autoResubscribe); so does this, on `ready`, for channels whose SUBSCRIBE
 * failed while Redis was away. A message on a channel nobody listens to any more (its UNSUBSCRIBE
 * failed) unsubscribes it then.
 */
export class RedisChannels {
  private readonly handlers = new Map<string, Handler>();
  private readonly reconnectListeners: Array<() => void> = [];
  private everReady: boolean;

  constructor(
    private readonly subscriber: Redis,
    private readonly faults: FaultLog,
  ) {
    this.everReady = subscriber.status === 'ready';
    subscriber.on('message', (channel: string, message: string) => {
      const handler = this.handlers.get(channel);
      if (handler) handler(message);
      else void this.unsubscribe(channel);
    });
    subscriber.on('ready', () => {
      if (this.everReady) {
        void this.subscribeAll();
        for (const listener of this.reconnectListeners) listener();
      }
      this.everReady = true;
    });
  }

  /** Resolves once Redis has the subscription, or it failed (logged; subscribed again on reconnection). */
  async listen(channel: string, handler: Handler): Promise<void> {
    this.handlers.set(channel, handler);
    try {
      await this.subscriber.subscribe(channel);
    } catch (error) {
      this.faults.report('Redis: SUBSCRIBE failed; retried when Redis is back', error);
    }
  }

  async unlisten(channel: string): Promise<void> {
    this.handlers.delete(channel);
    await this.unsubscribe(channel);
  }

  /** After a reconnection: messages may have been missed. */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  private async unsubscribe(channel: string): Promise<void> {
    try {
      await this.subscriber.unsubscribe(channel);
    } catch (error) {
      this.faults.report('Redis: UNSUBSCRIBE failed; done when a message comes on the channel', error);
    }
  }

  private async subscribeAll(): Promise<void> {
    const channels = [...this.handlers.keys()];
    for (let i = 0; i < channels.length; i += RESUBSCRIBE_CHUNK) {
      try {
        await this.subscriber.subscribe(...channels.slice(i, i + RESUBSCRIBE_CHUNK));
      } catch (error) {
        this.faults.report('Redis: SUBSCRIBE after reconnection failed; retried at the next one', error);
        return;
      }
    }
  }
}
