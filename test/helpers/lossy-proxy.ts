import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import type { ServerFrame } from '../../protocol/frames';
import type { WireMessage } from '../../protocol/messages';

/**
 * A WebSocket relay between SDKs and the real server that can lose pushes on the way, as a full
 * socket buffer, a flaky middlebox or a server that restarts between two pushes would, and can
 * hold the answers to history requests to show what happens while a fetch is running.
 */
export class LossyProxy {
  /** Every request the clients sent through the proxy. */
  readonly requests: Array<{ op: string; d: unknown }> = [];
  /** Message pushes the clients got through the proxy (not the dropped ones). */
  readonly delivered: WireMessage[] = [];
  /** The most history requests that were waiting for an answer at one time. */
  maxFetchesWaiting = 0;
  private dropRule: ((message: WireMessage) => boolean) | null = null;
  private holding = false;
  private held: Array<() => void> = [];
  private fetchesWaiting = 0;
  private readonly pairs = new Set<{ client: WebSocket; upstream: WebSocket }>();

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    readonly url: string,
  ) {}

  /** Listens on a free port and relays each socket to `target` (the server's socket URL). */
  static async start(target: string): Promise<LossyProxy> {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const proxy = new LossyProxy(http, wss, `http://127.0.0.1:${(http.address() as AddressInfo).port}`);
    wss.on('connection', (client) => proxy.relay(client, new WebSocket(target)));
    return proxy;
  }

  /** Drops every message push that `rule` picks until `deliverAll()`. */
  drop(rule: (message: WireMessage) => boolean): void {
    this.dropRule = rule;
  }

  deliverAll(): void {
    this.dropRule = null;
  }

  /** Holds the answers to getMessageList requests until `answerFetches()`. */
  holdFetches(): void {
    this.holding = true;
  }

  answerFetches(): void {
    this.holding = false;
    this.held.splice(0).forEach((send) => send());
  }

  fetchCount(): number {
    return this.requests.filter((request) => request.op === 'getMessageList').length;
  }

  /** Cuts every client socket, as a network drop would. */
  disconnectAll(): void {
    for (const { client, upstream } of this.pairs) {
      client.terminate();
      upstream.terminate();
    }
  }

  async close(): Promise<void> {
    this.disconnectAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private relay(client: WebSocket, upstream: WebSocket): void {
    const pair = { client, upstream };
    this.pairs.add(pair);
    const fetches = new Set<number>();
    const opened = new Promise<void>((resolve) => upstream.once('open', () => resolve()));
    client.on('message', (data: RawData) => {
      const text = data.toString();
      const frame = JSON.parse(text) as { id: number; op: string; d: unknown };
      this.requests.push({ op: frame.op, d: frame.d });
      if (frame.op === 'getMessageList') {
        fetches.add(frame.id);
        this.maxFetchesWaiting = Math.max(this.maxFetchesWaiting, ++this.fetchesWaiting);
      }
      void opened.then(() => upstream.readyState === WebSocket.OPEN && upstream.send(text));
    });
    upstream.on('message', (data: RawData) => {
      const text = data.toString();
      const frame = JSON.parse(text) as ServerFrame;
      const send = () => client.readyState === WebSocket.OPEN && client.send(text);
      // A revoke or modify push carries the message too, and is lost by the same rule.
      const carriesMessage = frame.t === 'push' && (frame.ev === 'messageRevoked' || frame.ev === 'messageModified');
      if (carriesMessage && this.dropRule?.(frame.d as WireMessage)) return;
      if (frame.t === 'push' && frame.ev === 'message') {
        const message = frame.d as WireMessage;
        if (this.dropRule?.(message)) return;
        this.delivered.push(message);
      }
      if (frame.t === 'res' && fetches.delete(frame.id)) {
        const answer = () => {
          if (!this.pairs.has(pair)) return;
          this.fetchesWaiting--;
          send();
        };
        return this.holding ? void this.held.push(answer) : answer();
      }
      send();
    });
    const end = () => {
      this.fetchesWaiting -= fetches.size;
      fetches.clear();
      this.pairs.delete(pair);
      client.terminate();
      upstream.terminate();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }
}
