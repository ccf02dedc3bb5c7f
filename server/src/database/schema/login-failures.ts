import { defineTable } from './define.js';

/** Sign-in attempts counted against the limits (written by login_attempt_reserve, functions/). */
export const loginFailures = defineTable(
  'login_failures',
  {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    email: { type: 'text' },
    address: { type: 'text' },
    at: { type: 'timestamptz', default: () => 'now()' },
  },
  {
    indices: [
      { name: 'login_failures_email_idx', columns: ['email', 'at'] },
      { name: 'login_failures_address_idx', columns: ['address', 'at'] },
    ],
  },
);
