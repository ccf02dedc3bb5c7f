import { adminAudit } from './admin-audit.js';
import { attachments } from './attachments.js';
import { boardEvents } from './board-events.js';
import { cardEvents } from './card-events.js';
import { cardShares } from './card-shares.js';
import { cards } from './cards.js';
import { checklistItems } from './checklist-items.js';
import { checklistValues } from './checklist-values.js';
import { comments } from './comments.js';
import { departments } from './departments.js';
import { digests } from './digests.js';
import { emailOutbox } from './email-outbox.js';
import { invites } from './invites.js';
import { lanes } from './lanes.js';
import { loginFailures } from './login-failures.js';
import { notificationPreferences } from './notification-preferences.js';
import { notifications } from './notifications.js';
import { nudges } from './nudges.js';
import { pipelines } from './pipelines.js';
import { reminders } from './reminders.js';
import { sessions } from './sessions.js';
import { settings } from './settings.js';
import { userDepartments } from './user-departments.js';
import { users } from './users.js';

export { PostgresNaming, type RowOf, type TableDef } from './define.js';

/**
 * Relay's tables, declared once (one file each): `T.cards.table` is 'cards', `T.cards.c.customerName` is
 * 'customer_name', `T.cards.entity` the TypeORM entity for Repository and QueryBuilder. The migrations change the
 * schema; test/integration/schema-drift.spec.ts proves these declarations equal what they built.
 * `socket_io_attachments` (the socket.io adapter's own table, without a primary key) is not declared.
 */
export const T = {
  departments,
  users,
  userDepartments,
  sessions,
  loginFailures,
  pipelines,
  lanes,
  checklistItems,
  cards,
  attachments,
  checklistValues,
  comments,
  cardEvents,
  boardEvents,
  nudges,
  notifications,
  notificationPreferences,
  reminders,
  emailOutbox,
  digests,
  adminAudit,
  invites,
  cardShares,
  settings,
} as const;

/** Every entity, for `dataSourceOptions`. */
export const ENTITIES = Object.values(T).map((t) => t.entity);
