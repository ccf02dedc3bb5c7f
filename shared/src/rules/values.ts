import type { ChecklistTemplateItem, ItemValue } from '../domain.js';

/** What a checker needs to know about the world beyond the value itself. */
export interface ValueContext {
  /** Role of a user id, or undefined when no active user has that id. */
  userRole?: (userId: string) => string | undefined;
  /** Whether an attachment id belongs to the card. */
  hasAttachment?: (attachmentId: string) => boolean;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

/** A real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Counted by hand: Date.UTC maps years 0-99 to 1900-1999, which refused every date of the first century.
  // Year 0000 does not exist for PostgreSQL's `date`, so it is refused.
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** The first and last day a business date (a checklist date, a due date, a contract start) may be. */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2199-12-31';

/**
 * A real calendar date written YYYY-MM-DD between DATE_MIN and DATE_MAX: what a person means by a date on a
 * card. Years like 0002 (what a date field holds while its year is typed) are refused.
 */
export function isBusinessDate(value: unknown): value is string {
  return isIsoDate(value) && value >= DATE_MIN && value <= DATE_MAX;
}

/** Why `value` is not a business date (for `details.fields[].message`), or null when it is one. */
export function businessDateError(value: unknown): string | null {
  if (!isIsoDate(value)) return 'must be a date written YYYY-MM-DD';
  return isBusinessDate(value) ? null : `must be a date between ${DATE_MIN} and ${DATE_MAX}`;
}

const TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))$/;

/**
 * A business date (see isBusinessDate), or a full ISO-8601 time on such a date with its offset
 * (`2026-11-20T14:30:00Z`, `2026-11-20T14:30+01:00`): hours 00–23, minutes and seconds 00–59.
 */
export function isBusinessDateOrTime(value: unknown): value is string {
  if (isBusinessDate(value)) return true;
  if (typeof value !== 'string') return false;
  const m = TIME_RE.exec(value);
  if (!m || !isBusinessDate(m[1])) return false;
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  const [oh, om] = [Number(m[6] ?? 0), Number(m[7] ?? 0)];
  return h <= 23 && min <= 59 && sec <= 59 && oh <= 23 && om <= 59;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export type ItemForValue = Pick<ChecklistTemplateItem, 'kind' | 'options' | 'rules'>;

/**
 * Checks a value against its item's kind. Returns null when valid, else a message
 * saying what is wrong, suitable for `details.fields[].message`.
 */
export function validateValue(item: ItemForValue, value: unknown, ctx: ValueContext = {}): string | null {
  switch (item.kind) {
    case 'check':
      return value === true ? null : 'must be true (use DELETE to clear a tick)';
    case 'text':
      if (typeof value !== 'string') return 'must be a string';
      if (value.trim() === '') return 'must not be empty';
      return value.length > 5000 ? 'must be at most 5000 characters' : null;
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
      const r = item.rules ?? {};
      if (r.greaterThan !== undefined && !(value > r.greaterThan)) return `must be greater than ${r.greaterThan}`;
      if (r.min !== undefined && value < r.min) return `must be at least ${r.min}`;
      return null;
    }
    case 'date':
      return businessDateError(value);
    case 'choice': {
      const options = item.options ?? [];
      if (typeof value !== 'string' || !options.includes(value)) return `must be one of: ${options.join(', ')}`;
      return null;
    }
    case 'user': {
      if (!isUuid(value)) return 'must be a user id';
      if (!ctx.userRole) return null;
      const role = ctx.userRole(value);
      if (role === undefined) return 'must be an active user';
      const pickRole = item.rules?.pickRole;
      if (pickRole && role !== pickRole) return `must be a person with the ${pickRole} role`;
      return null;
    }
    case 'file':
      if (!isUuid(value)) return 'must be an attachment id';
      if (ctx.hasAttachment && !ctx.hasAttachment(value)) return 'must be an attachment of this card';
      return null;
    case 'signoff':
      return signoffProblem(value);
    default:
      // Fail closed: a kind this code does not know (e.g. a bad row) must not accept any value.
      return unknownKind(item.kind);
  }
}

/** The longest name a sign-off takes. */
export const SIGNOFF_NAME_MAX = 200;

function signoffProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be {name, accepted: true}';
  const keys = Object.keys(value);
  if (keys.some((k) => k !== 'name' && k !== 'accepted')) return 'must have only name and accepted';
  const { name, accepted } = value as { name?: unknown; accepted?: unknown };
  if (typeof name !== 'string' || name.trim() === '') return 'must carry the name of the person signing';
  if (name.length > SIGNOFF_NAME_MAX) return `name must be at most ${SIGNOFF_NAME_MAX} characters`;
  return accepted === true ? null : 'must have accepted: true';
}

function unknownKind(kind: never): string {
  return `cannot be set: unknown item kind "${String(kind)}"`;
}

/** A recorded value satisfies the gate when present and, for choices with `mustBe`, equal to it. */
export function satisfiesGate(item: Pick<ChecklistTemplateItem, 'rules'>, value: ItemValue | null | undefined): boolean {
  if (value === null || value === undefined || value === false) return false;
  // A blank text never passes the gate, even if one was stored before validation caught it.
  if (typeof value === 'string' && value.trim() === '') return false;
  if (typeof value === 'number' && !Number.isFinite(value)) return false;
  // A sign-off counts only when accepted (a stored object of any other shape never passes).
  if (typeof value === 'object') return value.accepted === true && typeof value.name === 'string' && value.name.trim() !== '';
  const mustBe = item.rules?.mustBe;
  return mustBe === undefined || value === mustBe;
}
