import { defineTable } from './define.js';

/** `last_seq` is the board's last published seq, advanced only by board_events_claim (functions/). */
export const pipelines = defineTable('pipelines', {
  id: { type: 'uuid', primary: true, generated: 'uuid' },
  name: { type: 'text' },
  lastSeq: { type: 'bigint', default: 0 },
  createdAt: { type: 'timestamptz', default: () => 'now()' },
});
