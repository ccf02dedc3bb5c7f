import { defineTable } from './define.js';

export const attachments = defineTable(
  'attachments',
  {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    cardId: { type: 'uuid', foreignKey: { target: 'cards', onDelete: 'CASCADE' } },
    itemId: { type: 'uuid', nullable: true, foreignKey: { target: 'checklist_items' } },
    name: { type: 'text' },
    size: { type: 'integer' },
    mime: { type: 'text' },
    storageKey: { type: 'text' },
    uploadedBy: { type: 'uuid', nullable: true, foreignKey: { target: 'users' } },
    createdAt: { type: 'timestamptz' },
  },
  { indices: [{ name: 'attachments_card_idx', columns: ['cardId'] }] },
);
