import { DEFAULT_DEPARTMENTS, type Department } from '@relay/shared';


/** Department names by key: the defaults until the board brings the real (admin-editable) list. */
let departmentNames = new Map<string, string>(DEFAULT_DEPARTMENTS.map((d) => [d.key, d.name]));

/** Called with each board the client loads, so renamed and new departments show their names. */
export function registerDepartments(departments: readonly Department[] | undefined): void {
  if (departments?.length) departmentNames = new Map(departments.map((d) => [d.key, d.name]));
}

/** "customer_experience" → "Customer Experience"; unknown keys are humanised. */
export function departmentName(key: string | null | undefined): string {
  if (!key) return '—';
  return departmentNames.get(key) ?? key.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

export function roleName(role: string | null | undefined): string {
  if (!role) return '';
  return role === 'manager' ? 'senior operations manager' : role;
}
