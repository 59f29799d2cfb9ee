import { testDatabaseURL, testRedisURL } from '../helpers/services';
import { postgresAnswers, redisAnswers, startTempPostgres, startTempRedis } from '../helpers/temp-services';
import { startedServices } from './started-services';

export interface ServiceChoice {
  name: string;
  /** The variable the workers read the URL from (test/helpers/services.ts). */
  variable: string;
  url: () => string;
  answers: (url: string) => Promise<boolean>;
  startOwn: () => ReturnType<typeof startTempPostgres>;
}

const SERVICES: readonly ServiceChoice[] = [
  {
    name: 'PostgreSQL',
    variable: 'TIDINGS_TEST_DATABASE_URL',
    url: testDatabaseURL,
    answers: postgresAnswers,
    startOwn: startTempPostgres,
  },
  {
    name: 'Redis',
    variable: 'TIDINGS_TEST_REDIS_URL',
    url: testRedisURL,
    answers: redisAnswers,
    startOwn: startTempRedis,
  },
];

/**
 * Uses the service where it answers, else starts one and puts its URL in the variable; answers
 * which it used, in words. A service it cannot find or start fails only the tests that need it.
 */
export async function useOrStartService(service: ServiceChoice): Promise<string> {
  const url = service.url();
  if (await service.answers(url)) return `${service.name} at ${url}`;
  if (process.env[service.variable]) return `no ${service.name}: ${service.variable}=${url} does not answer`;
  try {
    const own = await service.startOwn();
    startedServices().push(own);
    // Set before jest starts its workers, which inherit it.
    process.env[service.variable] = own.url;
    return `a ${service.name} of their own at ${own.url}`;
  } catch (error) {
    return `no ${service.name} (none at ${url}, and starting one failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

/**
 * Jest's globalSetup: the tests use the machine's PostgreSQL and Redis where they answer (or the
 * ones TIDINGS_TEST_DATABASE_URL / TIDINGS_TEST_REDIS_URL name), else ones it starts in temp folders.
 */
export default async function setUpServices(): Promise<void> {
  const used = await Promise.all(SERVICES.map(useOrStartService));
  console.log(`Tests use ${used.join('; ')}.`);
}
