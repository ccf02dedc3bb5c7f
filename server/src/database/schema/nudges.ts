import { check, defineTable } from './define.js';

/** Once per card, lane visit and level, on any instance: the primary key is the guarantee. */
export const nudges = defineTable(
  'nudges',
  {
    cardId: { type: 'uuid', primary: true, foreignKey: { target: 'cards', onDelete: 'CASCADE' } },
    laneVisit: { type: 'integer', primary: true },
    level: { type: 'smallint', primary: true },
    laneId: { type: 'uuid', foreignKey: { target: 'lanes' } },
    at: { type: 'timestamptz' },
  },
  { checks: [check('nudges', 'level', 'level IN (1, 2)')] },
);
