import { check, defineTable } from './define.js';

export const departments = defineTable(
  'departments',
  {
    key: { type: 'text', primary: true },
    name: { type: 'text' },
    createdAt: { type: 'timestamptz', default: () => 'now()' },
  },
  { checks: [check('departments', 'key', "key ~ '^[a-z][a-z0-9_]{1,39}$'")] },
);
