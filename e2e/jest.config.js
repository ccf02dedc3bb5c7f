/** Browser journeys: ESM, transformed by swc; one Relay and one Chromium for the whole run (see support/global-setup.mjs). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'es6' } }] },
  testMatch: ['<rootDir>/journeys/**/*.spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.mjs',
  globalTeardown: '<rootDir>/support/global-teardown.mjs',
  testSequencer: '<rootDir>/support/sequencer.mjs',
  testTimeout: 90_000,
  maxWorkers: 1,
};
