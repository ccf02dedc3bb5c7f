import { defineTable } from './define.js';

/** The organisation's settings: one row (`id` 1), read by SettingsRepository and changed only by admins. */
export const settings = defineTable('settings', {
  id: { type: 'smallint', primary: true },
  doneVisibleDays: { type: 'integer', default: 14 },
  touchCadenceDays: { type: 'integer', nullable: true, default: 7 },
  calendar: { type: 'jsonb', nullable: true },
  updatedAt: { type: 'timestamptz', default: () => 'now()' },
});
