import type { WebSocket } from 'ws';
import type { PushName, Pushes } from '../protocol/operations';
import { Serialized } from './serialized';

/** One logged-in socket. */
export interface Session {
  app: number;
  userID: string;
  socket: WebSocket;
  /** Sends one text frame if the socket is open. */
  send(text: string): void;
}

/**
 * Who is connected, and delivery to them. In one process this is the whole bus; a
 * multi-node deployment puts a pub/sub between `publish` and the local sessions.
 */
export class Hub {
  private readonly sessionsByUser = new Map<string, Set<Session>>();

  private static key(app: number, userID: string): string {
    return `${app}\u0000${userID}`;
  }

  add(session: Session): void {
    const key = Hub.key(session.app, session.userID);
    let sessions = this.sessionsByUser.get(key);
    if (!sessions) this.sessionsByUser.set(key, (sessions = new Set()));
    sessions.add(session);
  }

  remove(session: Session): void {
    const key = Hub.key(session.app, session.userID);
    const sessions = this.sessionsByUser.get(key);
    if (!sessions) return;
    sessions.delete(session);
    if (sessions.size === 0) this.sessionsByUser.delete(key);
  }

  /** Sends one push to every session of the user, except `skip` (the socket the event came from). */
  push<Ev extends PushName>(app: number, userID: string, ev: Ev, d: Pushes[Ev], skip?: Session): void {
    this.pushSerialized(app, userID, ev, new Serialized<Pushes[Ev]>(JSON.stringify(d)), skip);
  }

  /** `push` for data already in JSON; the frame is the same text JSON.stringify would make of `{ t: 'push', ev, d }`. */
  pushSerialized<Ev extends PushName>(app: number, userID: string, ev: Ev, d: Serialized<Pushes[Ev]>, skip?: Session): void {
    const sessions = this.sessionsByUser.get(Hub.key(app, userID));
    if (!sessions) return;
    const text = `{"t":"push","ev":${JSON.stringify(ev)},"d":${d.json}}`;
    for (const session of sessions) {
      if (session !== skip) session.send(text);
    }
  }

  isOnline(app: number, userID: string): boolean {
    return this.sessionsByUser.has(Hub.key(app, userID));
  }

  get connectedUsers(): number {
    return this.sessionsByUser.size;
  }
}
