import { postgresAnswers, redisAnswers, startTempPostgres, startTempRedis } from '../helpers/temp-services';
import { useOrStartService, type ServiceChoice } from '../setup/services-setup';
import { startedServices } from '../setup/started-services';
import tearDownServices from '../setup/services-teardown';

/** Nothing listens on port 1: the setup must start a service of its own. */
const NOTHING_THERE = { postgres: 'postgres://postgres@127.0.0.1:1/postgres', redis: 'redis://127.0.0.1:1' };
const VARIABLE = 'TIDINGS_TEST_SETUP_PROBE_URL';

describe("the test run's setup of PostgreSQL and Redis", () => {
  afterEach(async () => {
    delete process.env[VARIABLE];
    await tearDownServices();
  });

  test.each([
    ['PostgreSQL', NOTHING_THERE.postgres, postgresAnswers, startTempPostgres],
    ['Redis', NOTHING_THERE.redis, redisAnswers, startTempRedis],
  ] as const)(
    'with no %s at the URL, it starts one, names it for the workers, and teardown stops it',
    async (name, url, answers, startOwn) => {
      const service: ServiceChoice = { name, variable: VARIABLE, url: () => url, answers, startOwn };
      const used = await useOrStartService(service);
      const ownURL = process.env[VARIABLE] ?? '';
      expect(used).toBe(`a ${name} of their own at ${ownURL}`);
      expect(ownURL).not.toBe(url);
      expect(await answers(ownURL)).toBe(true);

      await tearDownServices();
      expect(startedServices()).toEqual([]);
      expect(await answers(ownURL)).toBe(false);
    },
  );

  test('a service that answers is used as it is, and nothing is started', async () => {
    const running = await startTempRedis();
    try {
      const used = await useOrStartService({
        name: 'Redis',
        variable: VARIABLE,
        url: () => running.url,
        answers: redisAnswers,
        startOwn: startTempRedis,
      });
      expect(used).toBe(`Redis at ${running.url}`);
      expect(process.env[VARIABLE]).toBeUndefined();
      expect(startedServices()).toEqual([]);
    } finally {
      await running.destroy();
    }
  });

  test('a URL set by hand that does not answer is reported, never replaced', async () => {
    process.env[VARIABLE] = NOTHING_THERE.redis;
    const used = await useOrStartService({
      name: 'Redis',
      variable: VARIABLE,
      url: () => NOTHING_THERE.redis,
      answers: redisAnswers,
      startOwn: startTempRedis,
    });
    expect(used).toBe(`no Redis: ${VARIABLE}=${NOTHING_THERE.redis} does not answer`);
    expect(process.env[VARIABLE]).toBe(NOTHING_THERE.redis);
    expect(startedServices()).toEqual([]);
  });
});
