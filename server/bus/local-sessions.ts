import type { Session } from './bus';

/** The sessions connected to this node, by user: where every bus delivers in the end. */
export class LocalSessions {
  private readonly sessionsByUser = new Map<string, Set<Session>>();

  private static key(app: number, userID: string): string {
    return `${app}\u0000${userID}`;
  }

  add(session: Session): void {
    const key = LocalSessions.key(session.app, session.userID);
    let sessions = this.sessionsByUser.get(key);
    if (!sessions) this.sessionsByUser.set(key, (sessions = new Set()));
    sessions.add(session);
  }

  remove(session: Session): void {
    const key = LocalSessions.key(session.app, session.userID);
    const sessions = this.sessionsByUser.get(key);
    if (!sessions) return;
    sessions.delete(session);
    if (sessions.size === 0) this.sessionsByUser.delete(key);
  }

  has(app: number, userID: string): boolean {
    return this.sessionsByUser.has(LocalSessions.key(app, userID));
  }

  /** Sends a frame to every session of the user on this node, except `skip`. */
  deliver(app: number, userID: string, frame: string, skip?: Session): void {
    const sessions = this.sessionsByUser.get(LocalSessions.key(app, userID));
    if (!sessions) return;
    for (const session of sessions) {
      if (session !== skip) session.send(frame);
    }
  }

  /** Every user with a session here. */
  users(): Array<{ app: number; userID: string }> {
    return [...this.sessionsByUser.values()].map((sessions) => {
      const { app, userID } = sessions.values().next().value!;
      return { app, userID };
    });
  }
}
