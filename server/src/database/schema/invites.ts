import { defineTable } from './define.js';

export const invites = defineTable(
  'invites',
  {
    tokenHash: { type: 'text', primary: true },
    userId: { type: 'uuid', foreignKey: { target: 'users', onDelete: 'CASCADE' } },
    createdAt: { type: 'timestamptz', default: () => 'now()' },
    expiresAt: { type: 'timestamptz' },
    usedAt: { type: 'timestamptz', nullable: true },
  },
  { indices: [{ name: 'invites_user_idx', columns: ['userId'] }] },
);
