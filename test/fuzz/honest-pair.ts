import TencentCloudChat from 'tidings';
import { readyChat, type Chat } from '../helpers/sdk';
import type { ServerProcess } from '../helpers/server-process';

export interface HonestFigures {
  sent: number;
  /** Messages the receiver got exactly once. */
  deliveredOnce: number;
  lost: string[];
  doubled: string[];
  failedSends: string[];
  latenciesMs: number[];
}

/** Waits for every sent message to arrive, up to this long after the attack. */
const DELIVERY_GRACE_MS = 10_000;

/**
 * Two SDK clients chatting beside the attack: one sends a text every `intervalMs` and times each
 * send; the other counts what arrives. Stopping waits for the last ones to land.
 */
export async function startHonestPair(
  server: ServerProcess,
  intervalMs: number,
): Promise<{ stop(): Promise<HonestFigures> }> {
  const sender: Chat = await readyChat(server, 'honest-sender');
  const receiver: Chat = await readyChat(server, 'honest-receiver');
  const arrivals = new Map<string, number>();
  receiver.on(TencentCloudChat.EVENT.MESSAGE_RECEIVED, ({ data }) => {
    for (const message of data as Array<{ ID: string; from: string }>)
      if (message.from === 'honest-sender') arrivals.set(message.ID, (arrivals.get(message.ID) ?? 0) + 1);
  });
  const sentIDs: string[] = [];
  const failedSends: string[] = [];
  const latenciesMs: number[] = [];
  let running = true;
  const loop = (async () => {
    for (let n = 0; running; n++) {
      const message = sender.createTextMessage({
        to: 'honest-receiver',
        conversationType: TencentCloudChat.TYPES.CONV_C2C,
        payload: { text: `honest ${n}` },
      });
      const started = performance.now();
      try {
        await sender.sendMessage(message);
        latenciesMs.push(performance.now() - started);
        sentIDs.push(message.ID);
      } catch (error) {
        failedSends.push(`${message.ID}: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();

  return {
    async stop() {
      running = false;
      await loop;
      const deadline = Date.now() + DELIVERY_GRACE_MS;
      while (sentIDs.some((ID) => !arrivals.has(ID)) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      await Promise.all([sender.destroy(), receiver.destroy()]);
      return {
        sent: sentIDs.length,
        deliveredOnce: sentIDs.filter((ID) => arrivals.get(ID) === 1).length,
        lost: sentIDs.filter((ID) => !arrivals.has(ID)),
        doubled: [...arrivals].filter(([, count]) => count > 1).map(([ID]) => ID),
        failedSends,
        latenciesMs,
      };
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
