/** A typed event emitter whose handlers receive one `{ name, data }` object, as the reference's do. */

export interface EmittedEvent<Name extends string, Data> {
  name: Name;
  data: Data;
}

export type EventHandler<Name extends string, Data> = (this: unknown, event: EmittedEvent<Name, Data>) => void;

interface Subscription {
  handler: (this: unknown, event: EmittedEvent<string, unknown>) => void;
  context: unknown;
}

export class Emitter<Events extends Record<string, unknown>> {
  private readonly subscriptions = new Map<keyof Events, Subscription[]>();

  /** Calls handlers in order; one handler that throws does not stop the rest, it goes to `onHandlerError`. */
  constructor(private readonly onHandlerError: (error: unknown, name: string) => void = () => undefined) {}

  /** Returns a function that removes this subscription. */
  on<Name extends keyof Events & string>(
    name: Name,
    handler: EventHandler<Name, Events[Name]>,
    context?: unknown,
  ): () => void {
    if (typeof handler !== 'function') return () => undefined;
    const subscription: Subscription = { handler: handler as Subscription['handler'], context };
    const list = this.subscriptions.get(name) ?? [];
    list.push(subscription);
    this.subscriptions.set(name, list);
    return () => this.remove(name, (s) => s === subscription);
  }

  /** Removes the subscriptions with this handler (and this context, when one is given). */
  off<Name extends keyof Events & string>(
    name: Name,
    handler: EventHandler<Name, Events[Name]>,
    context?: unknown,
  ): void {
    this.remove(name, (s) => s.handler === handler && (context === undefined || s.context === context));
  }

  emit<Name extends keyof Events & string>(name: Name, data: Events[Name]): void {
    const list = this.subscriptions.get(name);
    if (!list) return;
    const event: EmittedEvent<Name, Events[Name]> = { name, data };
    // A snapshot, so handlers may subscribe or unsubscribe while we are calling them.
    for (const { handler, context } of [...list]) {
      try {
        handler.call(context, event);
      } catch (error) {
        this.onHandlerError(error, name);
      }
    }
  }

  clear(): void {
    this.subscriptions.clear();
  }

  private remove(name: keyof Events, match: (s: Subscription) => boolean): void {
    const list = this.subscriptions.get(name);
    if (!list) return;
    const kept = list.filter((s) => !match(s));
    if (kept.length) this.subscriptions.set(name, kept);
    else this.subscriptions.delete(name);
  }
}
