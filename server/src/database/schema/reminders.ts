import { defineTable } from './define.js';

/** Hand reminders: at most one per card and target (an item, or the whole lane) per hour. */
export const reminders = defineTable('reminders', {
  cardId: { type: 'uuid', primary: true, foreignKey: { target: 'cards', onDelete: 'CASCADE' } },
  target: { type: 'text', primary: true },
  at: { type: 'timestamptz' },
});
