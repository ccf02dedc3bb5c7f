import type { FieldError } from '../errors.js';
import { touchCadenceProblem } from './calendar/touch-cadence.js';

/** `doneVisibleDays` in `/api/settings`: the Done lane shows cards closed in the last N days (issue 24). */
export const DONE_VISIBLE_DAYS_DEFAULT = 14;
export const DONE_VISIBLE_DAYS_MAX = 365;

/** Why a `doneVisibleDays` value cannot be stored, or null: a whole number of days from 1 to 365. */
export function doneVisibleDaysProblem(value: unknown): FieldError | null {
  if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= DONE_VISIBLE_DAYS_MAX) return null;
  return { field: 'doneVisibleDays', message: `doneVisibleDays must be a whole number of days from 1 to ${DONE_VISIBLE_DAYS_MAX}` };
}

/** `PATCH /api/settings`: only the fields sent are checked (the calendar by its own rule, businessCalendarErrors). */
export function settingsPatchErrors(patch: { doneVisibleDays?: unknown; touchCadenceDays?: unknown }): FieldError[] {
  const out: FieldError[] = [];
  if ('doneVisibleDays' in patch) {
    const p = doneVisibleDaysProblem(patch.doneVisibleDays);
    if (p) out.push(p);
  }
  if ('touchCadenceDays' in patch) {
    const p = touchCadenceProblem(patch.touchCadenceDays);
    if (p) out.push(p);
  }
  return out;
}
