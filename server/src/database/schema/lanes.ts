import { check, defineTable, ROLE_CHECK } from './define.js';

export const lanes = defineTable(
  'lanes',
  {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    pipelineId: { type: 'uuid', foreignKey: { target: 'pipelines', onDelete: 'CASCADE' } },
    key: { type: 'text' },
    name: { type: 'text' },
    position: { type: 'integer' },
    departmentKey: { type: 'text', nullable: true, foreignKey: { target: 'departments', onUpdate: 'CASCADE' } },
    role: { type: 'text', nullable: true },
    timeLimitHours: { type: 'numeric', nullable: true },
    terminal: { type: 'boolean', default: false },
    customerName: { type: 'text', nullable: true },
    customerDescription: { type: 'text', nullable: true },
  },
  {
    uniques: [{ columns: ['pipelineId', 'key'] }, { columns: ['pipelineId', 'position'] }],
    checks: [check('lanes', 'role', ROLE_CHECK), check('lanes', 'time_limit_hours', 'time_limit_hours > 0')],
  },
);
