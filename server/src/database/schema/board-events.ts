import { defineTable } from './define.js';

/**
 * The board's outbox. Rows are inserted without a seq; board_events_claim (functions/) numbers them gaplessly
 * per pipeline. `board_events_seq_idx` is a unique index, not a constraint, so it is declared as one.
 */
export const boardEvents = defineTable(
  'board_events',
  {
    pipelineId: { type: 'uuid', foreignKey: { target: 'pipelines', onDelete: 'CASCADE' } },
    seq: { type: 'bigint', nullable: true },
    type: { type: 'text' },
    actorId: { type: 'uuid', nullable: true, foreignKey: { target: 'users' } },
    at: { type: 'timestamptz' },
    requestId: { type: 'text', nullable: true },
    payload: { type: 'jsonb' },
    publishedAt: { type: 'timestamptz', nullable: true },
    id: { type: 'bigint', primary: true, generated: 'increment' },
    claimedAt: { type: 'timestamptz', nullable: true },
    claimedBy: { type: 'integer', nullable: true },
  },
  {
    indices: [
      { name: 'board_events_seq_idx', columns: ['pipelineId', 'seq'], unique: true },
      { name: 'board_events_unclaimed_idx', columns: ['pipelineId', 'id'], where: 'seq IS NULL' },
      { name: 'board_events_unemitted_idx', columns: ['id'], where: 'seq IS NOT NULL AND published_at IS NULL' },
    ],
  },
);
