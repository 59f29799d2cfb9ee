import { connect, type Socket, type TcpNetConnectOpts } from 'node:net';
import WebSocket from 'ws';
import type { ServerFrame } from '../../protocol/frames';

/** A bare WebSocket speaking the wire protocol, for frames the SDK would never send. */
export class RawClient {
  readonly frames: ServerFrame[] = [];
  private nextID = 1;
  private waiters: Array<() => void> = [];
  closeCode: number | null = null;

  private constructor(
    readonly socket: WebSocket,
    /** The TCP connection under the socket: pause it to play a client that does not read. */
    readonly tcp: Socket,
  ) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as ServerFrame);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  static connect(socketURL: string): Promise<RawClient> {
    let tcp: Socket | undefined;
    const socket = new WebSocket(socketURL, {
      // ws calls this with the host and port of the URL; the cast picks that one of connect's overloads.
      createConnection: ((options: TcpNetConnectOpts) => (tcp = connect(options))) as typeof connect,
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new RawClient(socket, tcp!)));
      socket.once('error', reject);
    });
  }

  static async login(socketURL: string, SDKAppID: number, userID: string, userSig: string): Promise<RawClient> {
    const client = await RawClient.connect(socketURL);
    const answer = await client.request('login', { SDKAppID, userID, userSig, protocolVersion: 1 });
    if (answer.t !== 'res' || answer.code !== 0) throw new Error(`login failed: ${JSON.stringify(answer)}`);
    return client;
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** Sends requests without waiting, in one TCP write, so the server reads them together; returns their ids. */
  burst(requests: Array<{ op: string; d: unknown }>): number[] {
    this.tcp.cork();
    const ids = requests.map(({ op, d }) => {
      const id = this.nextID++;
      this.sendRaw(JSON.stringify({ t: 'req', id, op, d }));
      return id;
    });
    this.tcp.uncork();
    return ids;
  }

  /** Sends a request and waits for the response with its id. */
  async request(op: string, d: unknown, frame: Record<string, unknown> = {}): Promise<ServerFrame> {
    const id = this.nextID++;
    this.sendRaw(JSON.stringify({ t: 'req', id, op, d, ...frame }));
    return this.waitFor((f) => f.t === 'res' && f.id === id);
  }

  /** Resolves with the first frame, already received or still to come, that matches. */
  async waitFor(match: (frame: ServerFrame) => boolean, timeoutMs = 5000): Promise<ServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) {
        this.frames.splice(this.frames.indexOf(found), 1);
        return found;
      }
      if (this.closeCode !== null) throw new Error(`socket closed (${this.closeCode}) while waiting`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a frame');
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  waitForClose(timeoutMs = 5000): Promise<number> {
    if (this.closeCode !== null) return Promise.resolve(this.closeCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.socket.once('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}
