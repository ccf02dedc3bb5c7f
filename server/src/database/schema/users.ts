import { check, defineTable, ROLE_CHECK } from './define.js';

/**
 * People. Not expressible in TypeORM: the unique index `users_email_key` is on `lower(email)` (an expression); it is
 * declared by name with `synchronize: false` and its key list in `indexKeys`, which the drift test checks.
 */
export const users = defineTable(
  'users',
  {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    name: { type: 'text' },
    email: { type: 'text' },
    role: { type: 'text' },
    passwordHash: { type: 'text', nullable: true },
    active: { type: 'boolean', default: true },
    createdAt: { type: 'timestamptz', default: () => 'now()' },
    updatedAt: { type: 'timestamptz', default: () => 'now()' },
  },
  {
    checks: [check('users', 'role', ROLE_CHECK)],
    indexKeys: { users_email_key: 'lower(email)' },
    indices: [{ name: 'users_email_key', columns: ['email'], unique: true, synchronize: false }],
  },
);
