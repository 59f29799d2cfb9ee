import fc from 'fast-check';
import type { OperationName } from '../../protocol/operations';
import { ErrorCode } from '../../protocol/errors';
import { RawClient } from '../helpers/raw-client';
import { TEST_SDKAPPID, type ServerProcess } from '../helpers/server-process';
import { exampleSource, framePreview, hostileFrames, type HostileFrame, type RequestSource } from './hostile-frames';
import { Lane } from './lane';
import { validRequests, type FuzzWorld } from './valid-requests';

export interface AttackOptions {
  /** At least this many frames are sent (fewer when a batch fails: fast-check then shrinks it and stops). */
  frames: number;
  /** Fail on a 90500 answer (a handler that threw), not only count it. */
  failOnHandlerCrash: boolean;
  /** Sockets logged in as the attacker, written to at the same time. */
  userSockets?: number;
  seed?: number;
  /** Valid requests to mutate; the example table unless a schema-derived source is given. */
  source?: (world: FuzzWorld) => RequestSource;
}

export interface FrameRecord {
  describe: string;
  /** The frame's start, for a person (a frame can be 300 KB). */
  preview: string;
}

export interface AttackFigures {
  framesSent: number;
  handlerCrashes: Array<FrameRecord & { answer: string }>;
  problems: Array<FrameRecord & { problem: string }>;
  /** fast-check's report of the first failing batch, shrunk; null when every batch passed. */
  counterexample: string | null;
}

const BATCH = 16;

/** The users, group and message the valid requests name, made the way a client would. */
export async function prepareWorld(server: ServerProcess): Promise<FuzzWorld> {
  const self = 'mallory';
  const peer = 'mallory-peer';
  const peerClient = await RawClient.login(server.socketURL, TEST_SDKAPPID, peer, server.userSig(peer));
  const groupID = 'fuzz-room';
  await peerClient.request('createGroup', {
    name: 'fuzz room',
    type: 'Public',
    groupID,
    memberList: [{ userID: self }],
  });
  const peerMessageID = 'fuzz-peer-message';
  const sent = await peerClient.request('send', {
    ID: peerMessageID,
    type: 'TIMTextElem',
    conversationType: 'C2C',
    to: self,
    payload: { text: 'read me' },
    priority: 'Normal',
    cloudCustomData: '',
    needReadReceipt: true,
    isSupportExtension: true,
  });
  if (sent.t !== 'res' || sent.code !== 0) throw new Error(`world setup failed: ${JSON.stringify(sent)}`);
  peerClient.close();
  return { SDKAppID: TEST_SDKAPPID, self, userSig: server.userSig(self), peer, groupID, peerMessageID };
}

/** Sends hostile frames through several sockets at once and checks each answer against the protocol's promise. */
export async function attack(server: ServerProcess, world: FuzzWorld, options: AttackOptions): Promise<AttackFigures> {
  const ops = Object.keys(validRequests(world)) as OperationName[];
  const source = (options.source ?? exampleSource)(world);
  const login = () => RawClient.login(server.socketURL, world.SDKAppID, world.self, world.userSig);
  const userLanes = Array.from({ length: options.userSockets ?? 3 }, () => new Lane(login, false));
  const anonymousLane = new Lane(() => RawClient.connect(server.socketURL), true);
  await Promise.all([...userLanes, anonymousLane].map((lane) => lane.open()));

  const figures: AttackFigures = { framesSent: 0, handlerCrashes: [], problems: [], counterexample: null };
  const runBatch = async (frames: HostileFrame[]): Promise<void> => {
    const queues = new Map<Lane, HostileFrame[]>();
    frames.forEach((frame, i) => {
      const lane = frame.socket === 'anonymous' ? anonymousLane : userLanes[i % userLanes.length];
      queues.set(lane, [...(queues.get(lane) ?? []), frame]);
    });
    const failures: string[] = [];
    await Promise.all(
      [...queues].map(async ([lane, queue]) => {
        for (const frame of queue) {
          const { answer, problem } = await lane.deliver(frame);
          figures.framesSent += 1;
          const record = { describe: frame.describe, preview: framePreview(frame) };
          if (problem) {
            figures.problems.push({ ...record, problem });
            failures.push(`${frame.describe}: ${problem}`);
          }
          if (answer && 'code' in answer && answer.code === ErrorCode.SERVER_ERROR) {
            figures.handlerCrashes.push({ ...record, answer: JSON.stringify(answer) });
            if (options.failOnHandlerCrash) failures.push(`${frame.describe}: answered 90500`);
          }
        }
      }),
    );
    if (!server.isRunning()) failures.push('the server process died');
    if (failures.length > 0) throw new Error(failures.join('\n'));
  };

  const batches = fc.array(hostileFrames(source, ops), { minLength: 1, maxLength: BATCH });
  try {
    // fast-check draws short batches more often than long ones: rounds continue until enough frames went out.
    for (let round = 0; figures.framesSent < options.frames && figures.counterexample === null; round++) {
      const left = options.frames - figures.framesSent;
      await fc.assert(fc.asyncProperty(batches, runBatch), {
        numRuns: Math.max(1, Math.ceil(left / (BATCH / 2))),
        seed: options.seed === undefined ? undefined : options.seed + round,
      });
    }
  } catch (error) {
    figures.counterexample = (error as Error).message;
  } finally {
    [...userLanes, anonymousLane].forEach((lane) => lane.close());
  }
  return figures;
}
