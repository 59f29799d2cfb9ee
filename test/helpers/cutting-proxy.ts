import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay between clients and the server that can cut every connection at once, as a network
 * drop would. It relays bytes and knows nothing of WebSocket, so the server behind it can be killed
 * and restarted on the same port while the proxy's address stays what the clients know.
 */
export class CuttingProxy {
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  /** Connections cut by `cutAll` since start. */
  cuts = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Listens on a free port and relays each connection to `target` (`http://host:port`). */
  static async start(target: string): Promise<CuttingProxy> {
    const { hostname, port } = new URL(target);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new CuttingProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('connection', (client) => proxy.relay(client, connect(Number(port), hostname)));
    return proxy;
  }

  /** Resets every relayed connection (both sides get an RST, not a clean close). */
  cutAll(): void {
    for (const { client, upstream } of this.pairs) {
      client.resetAndDestroy();
      upstream.resetAndDestroy();
      this.cuts += 1;
    }
    this.pairs.clear();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket, upstream: Socket): void {
    const pair = { client, upstream };
    this.pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  }
}
