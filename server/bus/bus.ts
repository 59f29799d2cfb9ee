import type { PushName, Pushes } from '../../protocol/operations';
import { Serialized } from '../serialized';

/** One logged-in socket on this node. */
export interface Session {
  app: number;
  userID: string;
  /** Sends one text frame if the socket is open. */
  send(text: string): void;
}

/** A push's data: a value, or JSON made already (a stored message, serialized once by the store). */
export type PushData<Ev extends PushName> = Pushes[Ev] | Serialized<Pushes[Ev]>;

/**
 * Delivery of pushes to users wherever they are connected, and who is online. One process needs
 * nothing more than its own sessions (InProcessBus); a bus across nodes publishes each frame on
 * per-user channels and shares presence, and every node hands what it receives to its LocalSessions.
 */
export interface Bus {
  /**
   * A socket on this node logged in: its user is online and gets pushes. Resolves once every node
   * sees it (a bus across nodes has subscribed to the user's channel by then). Never rejects: a bus
   * logs its own faults.
   */
  add(session: Session): Promise<void>;
  /** The socket closed. Never rejects. */
  remove(session: Session): Promise<void>;
  /** Whether the user has a session on any node. */
  isOnline(app: number, userID: string): Promise<boolean>;
  /**
   * One push to every session of each of these (distinct) users, except `skip`: the socket the
   * event came from (always one of this node's). Users with no session get nothing; they catch up
   * from the store when they connect.
   */
  publish<Ev extends PushName>(
    app: number,
    userIDs: readonly string[],
    ev: Ev,
    d: PushData<Ev>,
    skip?: Session,
  ): Promise<void>;
}

/** A push frame's text: the bytes JSON.stringify({ t: 'push', ev, d }) makes, with serialized data put in as is. */
export function pushFrame<Ev extends PushName>(ev: Ev, d: PushData<Ev>): string {
  const json = d instanceof Serialized ? d.json : JSON.stringify(d);
  return `{"t":"push","ev":${JSON.stringify(ev)},"d":${json}}`;
}
