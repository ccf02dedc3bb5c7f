import { defineTable } from './define.js';

/** One digest per person and day, whichever instance sends it. */
export const digests = defineTable('digests', {
  userId: { type: 'uuid', primary: true, foreignKey: { target: 'users', onDelete: 'CASCADE' } },
  day: { type: 'date', primary: true },
  sentAt: { type: 'timestamptz' },
});
