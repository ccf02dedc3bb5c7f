import { defineTable } from './define.js';

/** A card's value for an item; `satisfied` is shared's satisfiesGate of it, stored so SQL counts progress. */
export const checklistValues = defineTable('checklist_values', {
  cardId: { type: 'uuid', primary: true, foreignKey: { target: 'cards', onDelete: 'CASCADE' } },
  itemId: { type: 'uuid', primary: true, foreignKey: { target: 'checklist_items' } },
  value: { type: 'jsonb' },
  satisfied: { type: 'boolean' },
  note: { type: 'text', nullable: true },
  completedBy: { type: 'uuid', nullable: true, foreignKey: { target: 'users' } },
  completedAt: { type: 'timestamptz' },
  completedByCustomer: { type: 'text', nullable: true },
});
