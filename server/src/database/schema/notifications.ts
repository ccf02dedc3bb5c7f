import { defineTable } from './define.js';

/** Not expressible in TypeORM: `notifications_user_idx` orders `at` DESC (its key list is in `indexKeys`). */
export const notifications = defineTable(
  'notifications',
  {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    userId: { type: 'uuid', foreignKey: { target: 'users', onDelete: 'CASCADE' } },
    kind: { type: 'text' },
    cardId: { type: 'uuid', nullable: true, foreignKey: { target: 'cards', onDelete: 'CASCADE' } },
    text: { type: 'text' },
    at: { type: 'timestamptz' },
    readAt: { type: 'timestamptz', nullable: true },
    digest: { type: 'boolean', default: false },
  },
  {
    indexKeys: { notifications_user_idx: 'user_id, at DESC' },
    indices: [
      { name: 'notifications_user_idx', columns: ['userId', 'at'] },
      { name: 'notifications_unread_idx', columns: ['userId'], where: 'read_at IS NULL' },
    ],
  },
);
