import type { PushName } from '../../protocol/operations';
import { pushFrame, type Bus, type PushData, type Session } from './bus';
import { LocalSessions } from './local-sessions';

/** The bus of a single server process: every session is local, so publishing is delivering. */
export class InProcessBus implements Bus {
  private readonly sessions = new LocalSessions();

  async add(session: Session): Promise<void> {
    this.sessions.add(session);
  }

  async remove(session: Session): Promise<void> {
    this.sessions.remove(session);
  }

  async isOnline(app: number, userID: string): Promise<boolean> {
    return this.sessions.has(app, userID);
  }

  /** Delivers before it returns, so pushes leave in the order they were published. One frame text for all. */
  async publish<Ev extends PushName>(
    app: number,
    userIDs: readonly string[],
    ev: Ev,
    d: PushData<Ev>,
    skip?: Session,
  ): Promise<void> {
    const frame = pushFrame(ev, d);
    for (const userID of userIDs) this.sessions.deliver(app, userID, frame, skip);
  }
}
