import { check, defineTable, ROLE_CHECK } from './define.js';

export const checklistItems = defineTable(
  'checklist_items',
  {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    laneId: { type: 'uuid', foreignKey: { target: 'lanes', onDelete: 'CASCADE' } },
    label: { type: 'text' },
    help: { type: 'text', nullable: true },
    kind: { type: 'text' },
    required: { type: 'boolean', default: true },
    role: { type: 'text', nullable: true },
    options: { type: 'jsonb', nullable: true },
    rules: { type: 'jsonb', nullable: true },
    position: { type: 'integer' },
    retiredAt: { type: 'timestamptz', nullable: true },
    createdAt: { type: 'timestamptz', default: () => 'now()' },
    audience: { type: 'text', default: 'team' },
  },
  {
    indices: [{ name: 'checklist_items_lane_idx', columns: ['laneId', 'position'] }],
    checks: [
      check('checklist_items', 'kind', "kind IN ('check','text','number','date','choice','user','file','signoff')"),
      check('checklist_items', 'role', ROLE_CHECK),
      check('checklist_items', 'audience', "audience IN ('team','customer')"),
    ],
  },
);
