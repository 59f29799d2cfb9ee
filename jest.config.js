/** What every project shares. */
const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^tidings$': '<rootDir>/adapters/entry.node.ts',
    '^tidings/server$': '<rootDir>/server/index.ts',
  },
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/reporters/summary-line.js'],
  // The machine's PostgreSQL and Redis where they answer, else ones started for this run (and stopped after it).
  globalSetup: '<rootDir>/test/setup/services-setup.ts',
  globalTeardown: '<rootDir>/test/setup/services-teardown.ts',
  projects: [
    { ...base, roots: ['<rootDir>/test'], testMatch: ['**/*.test.ts'] },
    {
      // The server's suites again, each test server a one-node shared deployment (PostgreSQL, Redis, S3).
      ...base,
      displayName: 'shared engines',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
      setupFiles: ['<rootDir>/test/setup/shared-engines-store.js'],
      // About the data folder alone: its lock, the secret key and files it keeps, and what they hold.
      testPathIgnorePatterns: [
        '/one-server-per-data\\.test\\.ts$',
        '/cli(-migrate)?\\.test\\.ts$',
        '/uploads\\.test\\.ts$',
      ],
    },
  ],
};
