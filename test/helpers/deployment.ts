import { ServerProcess, type SharedEngines } from './server-process';
import { sharedEnginesForTest } from './shared-engines';

/** Several server nodes on one PostgreSQL database, one Redis key prefix and one S3 bucket, all the test's own. */
export interface Deployment {
  nodes: ServerProcess[];
  engines: SharedEngines;
  /** Stops every node and removes the database, the Redis keys and the bucket's server. */
  close(): Promise<void>;
}

export async function startDeployment({
  nodes = 3,
  settings,
  engines: given,
}: {
  nodes?: number;
  settings?: Record<string, unknown>;
  /** Engines the test started itself (to stop and start them); by default a fresh database on the test PostgreSQL. */
  engines?: Partial<Pick<SharedEngines, 'databaseURL' | 'redisURL'>>;
} = {}): Promise<Deployment> {
  const { engines, release } = await sharedEnginesForTest(given);
  const started: ServerProcess[] = [];
  const close = async () => {
    await Promise.all(started.map((node) => node.close()));
    await release();
  };
  // All at once: the first to take the migration lock sets the schema up, the others wait for it.
  const results = await Promise.allSettled(
    Array.from({ length: nodes }, () => ServerProcess.start({ shared: engines, settings })),
  );
  for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    await close();
    throw failure.reason;
  }
  return { nodes: started, engines, close };
}
