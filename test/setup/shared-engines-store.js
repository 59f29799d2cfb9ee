// The "shared engines" project: every ServerProcess is a node of its own shared deployment (test/helpers/server-process.ts).
process.env.TIDINGS_TEST_STORE = 'postgres';
