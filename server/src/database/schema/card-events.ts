import { defineTable } from './define.js';

/** Append-only history of each card (the trigger card_events_append_only in functions/ refuses updates). */
export const cardEvents = defineTable(
  'card_events',
  {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    cardId: { type: 'uuid', foreignKey: { target: 'cards', onDelete: 'CASCADE' } },
    type: { type: 'text' },
    actorId: { type: 'uuid', nullable: true, foreignKey: { target: 'users' } },
    at: { type: 'timestamptz' },
    data: { type: 'jsonb', default: {} },
  },
  { indices: [{ name: 'card_events_card_idx', columns: ['cardId', 'id'] }] },
);
