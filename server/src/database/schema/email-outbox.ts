import { defineTable } from './define.js';

export const emailOutbox = defineTable(
  'email_outbox',
  {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    toAddress: { type: 'text' },
    subject: { type: 'text' },
    body: { type: 'text' },
    createdAt: { type: 'timestamptz', default: () => 'now()' },
    attempts: { type: 'integer', default: 0 },
    nextAttemptAt: { type: 'timestamptz', default: () => 'now()' },
    sentAt: { type: 'timestamptz', nullable: true },
    lastError: { type: 'text', nullable: true },
    sensitive: { type: 'boolean', default: false },
  },
  { indices: [{ name: 'email_outbox_pending_idx', columns: ['nextAttemptAt'], where: 'sent_at IS NULL' }] },
);
