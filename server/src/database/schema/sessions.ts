import { defineTable } from './define.js';

export const sessions = defineTable(
  'sessions',
  {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    tokenHash: { type: 'text', unique: true },
    userId: { type: 'uuid', foreignKey: { target: 'users', onDelete: 'CASCADE' } },
    createdAt: { type: 'timestamptz', default: () => 'now()' },
    lastSeenAt: { type: 'timestamptz', default: () => 'now()' },
    expiresAt: { type: 'timestamptz' },
  },
  { indices: [{ name: 'sessions_user_idx', columns: ['userId'] }] },
);
