import { checkChaos, describeFigures } from '../chaos/chaos-check';
import { runChaos, stopChaos, type ChaosDeployment } from '../chaos/chaos-run';
import { CuttingProxy } from '../helpers/cutting-proxy';
import { startDeployment } from '../helpers/deployment';

/**
 * Three nodes behind a round-robin balancer; one node after another is killed with SIGKILL mid-load
 * and started again. Clients of a killed node reconnect to a live one and their outboxes resend:
 * every message is stored once, delivered once to each recipient, in sequence, and counted unread.
 */
async function threeNodes(): Promise<ChaosDeployment> {
  const deployment = await startDeployment({ nodes: 3 });
  const proxy = await CuttingProxy.start(deployment.nodes.map((node) => node.url));
  return {
    proxy,
    server: deployment.nodes[0],
    killAndRestart: async (n) => {
      const node = deployment.nodes[n % deployment.nodes.length];
      await node.kill();
      await node.restart();
    },
    close: async () => {
      await proxy.close();
      await deployment.close();
    },
  };
}

test('through kill -9 of one node after another, every message is stored once, delivered once, in sequence, and counted unread', async () => {
  const options = {
    clients: 4,
    messagesPerClient: 120,
    kills: 2,
    cuts: 3,
    ratePerClient: 20,
    groupShare: 0.2,
    settleMs: 20_000,
    seed: 7,
    log: () => undefined,
  };
  const records = await runChaos(options, threeNodes);
  try {
    const figures = await checkChaos(records);
    console.log(`failover (3 nodes):\n${describeFigures(figures, records.kills.length, options.cuts).join('\n')}`);
    expect({
      lost: figures.lost,
      storedTwice: figures.storedTwice,
      undelivered: figures.undelivered,
      deliveredTwice: figures.deliveredTwice,
      sequenceProblems: figures.sequenceProblems,
      unreadMismatches: figures.unreadMismatches,
    }).toEqual({
      lost: [],
      storedTwice: [],
      undelivered: [],
      deliveredTwice: [],
      sequenceProblems: [],
      unreadMismatches: [],
    });
  } finally {
    await stopChaos(records);
  }
}, 150_000);
