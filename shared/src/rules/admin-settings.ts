import { ROLES, type Role } from '../domain.js';
import type { FieldError } from '../errors.js';
import { emailIdentityProblem } from './email-identity.js';
import { passwordProblem } from './passwords.js';
import { isEmail } from './sales-form.js';

/** A department key: 2-40 lowercase letters, digits or _, starting with a letter. */
export const DEPARTMENT_KEY_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

/** A lane's time limit may be at most a year. */
export const TIME_LIMIT_MAX_HOURS = 8760;

export const NAME_LIMITS = { lane: 80, department: 80, person: 120 } as const;

/** How long an invitation link to set a first password works. */
export const INVITE_HOURS = 72;

function name(errors: FieldError[], value: unknown, max: number, field = 'name'): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max)
    errors.push({ field, message: `${field} must be 1 to ${max} characters` });
}

export interface LaneSettingsInput {
  name?: string;
  department?: string;
  timeLimitHours?: number;
}

/** `PATCH /api/lanes/:id`: only the fields sent are checked. */
export function laneSettingsErrors(input: LaneSettingsInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.name !== undefined) name(errors, input.name, NAME_LIMITS.lane);
  if (input.department !== undefined && !DEPARTMENT_KEY_PATTERN.test(input.department))
    errors.push({ field: 'department', message: 'department must be a department key' });
  const hours = input.timeLimitHours;
  if (hours !== undefined) {
    if (typeof hours !== 'number' || !Number.isFinite(hours))
      errors.push({ field: 'timeLimitHours', message: 'timeLimitHours must be a number' });
    else if (hours <= 0) errors.push({ field: 'timeLimitHours', message: 'timeLimitHours must be greater than 0' });
    else if (hours > TIME_LIMIT_MAX_HOURS)
      errors.push({ field: 'timeLimitHours', message: `timeLimitHours must be at most a year (${TIME_LIMIT_MAX_HOURS})` });
  }
  return errors;
}

/** `POST /api/departments` (key and name) and `PATCH /api/departments/:key` (name only). */
export function departmentErrors(input: { key?: string; name: string }, creating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (creating && !DEPARTMENT_KEY_PATTERN.test(input.key ?? ''))
    errors.push({ field: 'key', message: 'key must be 2-40 lowercase letters, digits or _' });
  name(errors, input.name, NAME_LIMITS.department);
  return errors;
}

export interface PersonInput {
  name?: string;
  email?: string;
  role?: Role;
  departments?: string[];
  password?: string;
}

/**
 * `POST /api/users` (everything but the password required) or, with `partial`, `PATCH /api/users/:id`; `person`
 * is the one being edited, whose email and name a new password must not contain.
 */
export function personErrors(input: PersonInput, partial = false, person?: { email?: string; name?: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (!partial || input.name !== undefined) name(errors, input.name, NAME_LIMITS.person);
  if (!partial && !isEmail(input.email)) errors.push({ field: 'email', message: 'email must be an email address' });
  else if (!partial) {
    const lookalike = emailIdentityProblem(input.email!);
    if (lookalike) errors.push({ field: 'email', message: lookalike });
  }
  if ((!partial || input.role !== undefined) && !ROLES.includes(input.role as Role))
    errors.push({ field: 'role', message: `role must be one of ${ROLES.join(', ')}` });
  if (input.departments && new Set(input.departments).size !== input.departments.length)
    errors.push({ field: 'departments', message: 'departments must not list a department twice' });
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, { email: input.email ?? person?.email, name: input.name ?? person?.name });
    if (problem) errors.push({ field: 'password', message: problem });
  }
  return errors;
}
