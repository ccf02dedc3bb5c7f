import { check, defineTable } from './define.js';

export const notificationPreferences = defineTable(
  'notification_preferences',
  {
    userId: { type: 'uuid', primary: true, foreignKey: { target: 'users', onDelete: 'CASCADE' } },
    kind: { type: 'text', primary: true },
    channel: { type: 'text' },
  },
  { checks: [check('notification_preferences', 'channel', "channel IN ('in_app','email','digest','off')")] },
);
