import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

const held = new Set<Duplex>();
let releaseScheduled = false;

function releaseAll(): void {
  releaseScheduled = false;
  for (const stream of held) stream.uncork();
  held.clear();
}

/**
 * Sends text frames on `socket`, whose TCP stream is `stream`. A group commit answers hundreds of
 * sends at once, several on the same socket; holding the stream corked until the end of this turn
 * of the event loop sends them in one write instead of one system call per frame.
 */
export function frameWriter(socket: WebSocket, stream: Duplex): (text: string) => void {
  return (text) => {
    if (socket.readyState !== socket.OPEN) return;
    if (!held.has(stream)) {
      stream.cork();
      held.add(stream);
      if (!releaseScheduled) {
        releaseScheduled = true;
        setImmediate(releaseAll);
      }
    }
    socket.send(text);
  };
}
