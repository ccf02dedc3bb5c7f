import { defineTable } from './define.js';

/** Not expressible in TypeORM: `admin_audit_at_idx` orders `at` DESC (its key list is in `indexKeys`). */
export const adminAudit = defineTable(
  'admin_audit',
  {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    actorId: { type: 'uuid', nullable: true, foreignKey: { target: 'users' } },
    at: { type: 'timestamptz', default: () => 'now()' },
    entity: { type: 'text' },
    entityId: { type: 'text' },
    action: { type: 'text' },
    before: { type: 'jsonb', nullable: true },
    after: { type: 'jsonb', nullable: true },
  },
  { indexKeys: { admin_audit_at_idx: 'at DESC' }, indices: [{ name: 'admin_audit_at_idx', columns: ['at'] }] },
);
