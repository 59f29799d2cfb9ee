import { ErrorCode } from '../../protocol/errors';
import type { ServerFrame } from '../../protocol/frames';
import { RawClient } from '../helpers/raw-client';
import { CLOSE_LOGIN_FAILED_CODE, expectedAnswer, type ExpectedAnswer } from './expected-answer';
import type { HostileFrame } from './hostile-frames';

export interface Delivery {
  answer: ServerFrame | null;
  /** What broke the protocol's promise for this frame, or null. */
  problem: string | null;
}

/** Long enough for an answer from a server that two attackers and a test runner share two cores with. */
const ANSWER_TIMEOUT_MS = 10_000;

/** Whether the server ran `login` for this frame (and so closes the socket with 4001 if it failed). */
function ranLogin(expected: ExpectedAnswer): boolean {
  if (expected.kind !== 'res' || expected.t !== 'req' || expected.op !== 'login') return false;
  const d = expected.d;
  return d === undefined || d === null || (typeof d === 'object' && !Array.isArray(d));
}

/**
 * One socket the fuzzer writes to, one frame at a time, so each answer belongs to the frame before it.
 * A socket that closes the documented way (failed login, unreadable frame) is replaced.
 */
export class Lane {
  private client: RawClient | null = null;

  /** `anonymous`: the socket never logs in, so nothing but a login may succeed on it. */
  constructor(
    private readonly connect: () => Promise<RawClient>,
    private readonly anonymous: boolean,
  ) {}

  async open(): Promise<void> {
    this.client = await this.connect();
  }

  close(): void {
    this.client?.close();
  }

  async deliver(frame: HostileFrame): Promise<Delivery> {
    const client = this.client ?? (await this.connect());
    this.client = client;
    client.frames.splice(0);
    const expected = expectedAnswer(frame.payload);
    const { payload } = frame;
    if (payload.kind === 'text') client.sendRaw(payload.text);
    else client.socket.send(payload.bytes, { binary: payload.kind === 'binary' });

    if (expected.kind === 'close') return this.expectClose(client, expected.code);
    let answer: ServerFrame;
    try {
      answer = await client.waitFor((f) => f.t !== 'push', ANSWER_TIMEOUT_MS);
    } catch {
      const closed = client.closeCode;
      await this.reopen();
      return {
        answer: null,
        problem: closed === null ? 'unanswered' : `socket closed with ${closed} instead of answering`,
      };
    }
    const problem = this.mismatch(expected, answer);
    // A failed login closes the socket; a login whose handler threw (90500, counted by the caller) does not.
    const refused = answer.t === 'res' && answer.code !== 0 && answer.code !== ErrorCode.SERVER_ERROR;
    if (refused && ranLogin(expected)) {
      const close = await this.expectClose(client, CLOSE_LOGIN_FAILED_CODE);
      return { answer, problem: problem ?? close.problem };
    }
    if (answer.t === 'res' && answer.code === 0 && ranLogin(expected)) await this.reopen();
    return { answer, problem };
  }

  private mismatch(expected: ExpectedAnswer, answer: ServerFrame): string | null {
    if (expected.kind === 'res' && (answer.t !== 'res' || answer.id !== expected.id))
      return `expected the response to id ${expected.id}, got ${JSON.stringify(answer).slice(0, 200)}`;
    if (expected.kind === 'error' && answer.t !== 'error')
      return `expected an error frame, got ${JSON.stringify(answer).slice(0, 200)}`;
    if (this.anonymous && answer.t === 'res' && answer.code === 0 && expected.kind === 'res' && expected.op !== 'login')
      return `answered success before login: ${JSON.stringify(answer).slice(0, 200)}`;
    return null;
  }

  private async expectClose(client: RawClient, code: number): Promise<Delivery> {
    let closed: number | null = null;
    try {
      closed = await client.waitForClose(ANSWER_TIMEOUT_MS);
    } catch {
      // still open: reported below
    }
    await this.reopen();
    return { answer: null, problem: closed === code ? null : `expected close ${code}, got ${closed ?? 'no close'}` };
  }

  private async reopen(): Promise<void> {
    this.client?.close();
    this.client = await this.connect();
  }
}
