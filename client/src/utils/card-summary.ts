import { DEFAULT_DEPARTMENTS, type Department } from '@relay/shared';

/**
 * "customer_experience" → "Customer Experience": the name in `departments` (the board's admin-editable list;
 * the defaults while it has none), unknown keys humanised.
 */
export function departmentName(key: string | null | undefined, departments: readonly Department[] = DEFAULT_DEPARTMENTS): string {
  if (!key) return '—';
  const list = departments.length ? departments : DEFAULT_DEPARTMENTS;
  return list.find((d) => d.key === key)?.name ?? key.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

export function roleName(role: string | null | undefined): string {
  if (!role) return '';
  return role === 'manager' ? 'senior operations manager' : role;
}
