/** `npm run test:faults`: the fault suite (kill -9 under load, restarts). Also a step of `npm test` (after the build). */
import base from './jest.config.js';

export default { ...base, testMatch: ['<rootDir>/test/faults/**/*.fault.ts'], testTimeout: 120000, maxWorkers: 1 };
