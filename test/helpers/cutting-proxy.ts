import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay between clients and the server that can cut every connection at once, as a network
 * drop would. It relays bytes and knows nothing of WebSocket, so the server behind it can be killed
 * and restarted on the same port while the proxy's address stays what the clients know. Given
 * several servers (the nodes of one deployment), it is a round-robin load balancer: each new
 * connection goes to the next node that accepts it, so clients of a killed node land on live ones.
 */
export class CuttingProxy {
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  /** Connections cut by `cutAll` since start. */
  cuts = 0;

  private nextTarget = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly targets: ReadonlyArray<{ hostname: string; port: number }>,
  ) {}

  /** Listens on a free port and relays each connection to `target` (`http://host:port`), or to one of several in turn. */
  static async start(target: string | readonly string[]): Promise<CuttingProxy> {
    const targets = (typeof target === 'string' ? [target] : target).map((url) => {
      const { hostname, port } = new URL(url);
      return { hostname, port: Number(port) };
    });
    const server = createServer({ pauseOnConnect: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new CuttingProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, targets);
    server.on('connection', (client) => {
      proxy.connectUpstream().then(
        (upstream) => proxy.relay(client, upstream),
        () => client.resetAndDestroy(),
      );
    });
    return proxy;
  }

  /** The next target in turn that accepts a connection; rejects when none does. */
  private async connectUpstream(): Promise<Socket> {
    const first = this.nextTarget++;
    for (let i = 0; i < this.targets.length; i++) {
      const { hostname, port } = this.targets[(first + i) % this.targets.length];
      const upstream = await new Promise<Socket | null>((resolve) => {
        const socket = connect(port, hostname);
        socket.once('connect', () => resolve(socket));
        socket.once('error', () => resolve(null));
      });
      if (upstream) return upstream;
    }
    throw new Error('no target accepts connections');
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
