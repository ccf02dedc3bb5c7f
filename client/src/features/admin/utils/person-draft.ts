import { personErrors, type Role, type User } from '@relay/shared';
import type { NewPerson, PersonPatch } from '../../../api/admin';
import { toFieldMap, type FieldErrors } from '../../../ui/field-errors';

export type Access = 'invite' | 'password';

export interface PersonDraft {
  name: string;
  email: string;
  role: Role;
  departments: string[];
  /** A new person: an invitation link, or a password the admin passes on. */
  access: Access;
  /** New person with access 'password', or a reset when editing; '' leaves it alone. */
  password: string;
}

export function newPersonDraft(): PersonDraft {
  return { name: '', email: '', role: 'staff', departments: [], access: 'invite', password: '' };
}

export function draftFromUser(u: User): PersonDraft {
  return { name: u.name, email: u.email, role: u.role, departments: [...u.departments], access: 'invite', password: '' };
}

export function toNewPerson(d: PersonDraft): NewPerson {
  const p: NewPerson = { name: d.name.trim(), email: d.email.trim(), role: d.role, departments: d.departments };
  if (d.access === 'password') p.password = d.password;
  return p;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Only what the edit changes. */
export function toPersonPatch(u: User, d: PersonDraft): PersonPatch {
  const patch: PersonPatch = {};
  if (d.name.trim() !== u.name) patch.name = d.name.trim();
  if (d.role !== u.role) patch.role = d.role;
  if (!sameSet(d.departments, u.departments)) patch.departments = d.departments;
  if (d.password) patch.password = d.password;
  return patch;
}

/** The shared rules the server applies (a new password: shared's passwordProblem, but the common-password list). */
export function checkPersonDraft(d: PersonDraft, editing: User | null): FieldErrors {
  if (editing) return toFieldMap(personErrors(toPersonPatch(editing, d), true, editing));
  const input = toNewPerson(d);
  return toFieldMap(personErrors(d.access === 'password' ? { ...input, password: d.password } : input));
}
