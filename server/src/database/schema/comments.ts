import { defineTable } from './define.js';

export const comments = defineTable(
  'comments',
  {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    cardId: { type: 'uuid', foreignKey: { target: 'cards', onDelete: 'CASCADE' } },
    authorId: { type: 'uuid', foreignKey: { target: 'users' } },
    body: { type: 'text' },
    createdAt: { type: 'timestamptz' },
  },
  { indices: [{ name: 'comments_card_idx', columns: ['cardId', 'createdAt'] }] },
);
