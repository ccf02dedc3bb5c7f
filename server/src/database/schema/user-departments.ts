import { defineTable } from './define.js';

export const userDepartments = defineTable(
  'user_departments',
  {
    userId: { type: 'uuid', primary: true, foreignKey: { target: 'users', onDelete: 'CASCADE' } },
    departmentKey: { type: 'text', primary: true, foreignKey: { target: 'departments', onUpdate: 'CASCADE' } },
  },
  { indices: [{ name: 'user_departments_department_idx', columns: ['departmentKey'] }] },
);
