/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^tidings$': '<rootDir>/adapters/entry.node.ts',
    '^tidings/server$': '<rootDir>/server/index.ts',
  },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/reporters/summary-line.js'],
  // The machine's PostgreSQL and Redis where they answer, else ones started for this run (and stopped after it).
  globalSetup: '<rootDir>/test/setup/services-setup.ts',
  globalTeardown: '<rootDir>/test/setup/services-teardown.ts',
};
