/** The tests' kit: one HTTP client (client.ts) and one set of data builders (builders.ts), for server and e2e tests. */
export * from './client.js';
export * from './builders.js';
