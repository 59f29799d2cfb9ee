/**
 * The baseline: a bare `ws` relay speaking just enough of the wire protocol for the bench's
 * traffic. `login` is answered code 0 without any check; each `send` is stamped (from, time,
 * an in-memory sequence), pushed to the receiver's socket and answered to the sender. A group
 * (`createGroup` with a groupID and memberList, kept in memory) gets each of its `send`s pushed to
 * every other member. No validation, no storage, no fsync: the most this machine does for the same frames.
 *
 * Run as its own process: `node --import tsx bench/relay.ts`; prints `relay listening on http://…`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

interface Frame {
  t?: string;
  id?: number;
  op?: string;
  d?: Record<string, unknown>;
}

const http = createServer((_request, response) => response.writeHead(404).end());
const wss = new WebSocketServer({ server: http, path: '/ws' });
const socketsByUser = new Map<string, WebSocket>();
const lastSequence = new Map<string, number>();
const groupMembers = new Map<string, string[]>();

function push(userIDs: readonly string[], message: Record<string, unknown>): void {
  const frame = JSON.stringify({ t: 'push', ev: 'message', d: message });
  for (const userID of userIDs) {
    const receiver = socketsByUser.get(userID);
    if (receiver && receiver.readyState === receiver.OPEN) receiver.send(frame);
  }
}

wss.on('connection', (socket) => {
  let userID = '';
  socket.on('message', (data) => {
    let frame: Frame;
    try {
      frame = JSON.parse(data.toString()) as Frame;
    } catch {
      socket.send(JSON.stringify({ t: 'error', code: 90001, msg: 'not JSON' }));
      return;
    }
    const d = frame.d ?? {};
    if (frame.op === 'login') {
      userID = String(d.userID);
      socketsByUser.set(userID, socket);
      socket.send(JSON.stringify({ t: 'res', id: frame.id, code: 0, d: { userID, serverTime: Date.now() } }));
    } else if (frame.op === 'send') {
      const to = String(d.to);
      const members = d.conversationType === 'GROUP' ? groupMembers.get(to) : undefined;
      const conversation = members ? `group:${to}` : userID < to ? `${userID}:${to}` : `${to}:${userID}`;
      const sequence = (lastSequence.get(conversation) ?? 0) + 1;
      lastSequence.set(conversation, sequence);
      const message = { ...d, from: userID, time: Math.floor(Date.now() / 1000), sequence };
      push(members ? members.filter((member) => member !== userID) : [to], message);
      socket.send(JSON.stringify({ t: 'res', id: frame.id, code: 0, d: message }));
    } else if (frame.op === 'createGroup') {
      const groupID = String(d.groupID);
      const listed = (d.memberList as Array<{ userID: string }> | undefined) ?? [];
      groupMembers.set(groupID, [...new Set([userID, ...listed.map((member) => member.userID)])]);
      socket.send(JSON.stringify({ t: 'res', id: frame.id, code: 0, d: { group: { groupID } } }));
    } else {
      socket.send(JSON.stringify({ t: 'res', id: frame.id, code: 0, d: {} }));
    }
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    if (socketsByUser.get(userID) === socket) socketsByUser.delete(userID);
  });
});

http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.stdout.write(`relay listening on http://127.0.0.1:${port}\n`);
});

const stop = () => {
  for (const socket of wss.clients) socket.terminate();
  wss.close();
  http.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
