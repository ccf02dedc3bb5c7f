import type { FieldError } from '../../errors.js';
import { toMs, type Instant } from './business-calendar.js';
import { DAY_MS } from './time-zone.js';

/** `touchCadenceDays` in `/api/settings`: how long a card may go without customer contact (null: not watched). */
export const TOUCH_CADENCE_DEFAULT_DAYS = 7;
export const TOUCH_CADENCE_MAX_DAYS = 365;

/** Why a `touchCadenceDays` value cannot be stored, or null: a whole number of days from 1 to 365, or null. */
export function touchCadenceProblem(value: unknown): FieldError | null {
  if (value === null || (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= TOUCH_CADENCE_MAX_DAYS)) return null;
  return {
    field: 'touchCadenceDays',
    message: `touchCadenceDays must be a whole number of days from 1 to ${TOUCH_CADENCE_MAX_DAYS}, or null`,
  };
}

/** The instant after which the gap in customer contact is overdue; null with the cadence off. Calendar days. */
export function touchDueAt(lastTouch: Instant, cadenceDays: number | null): Date | null {
  return cadenceDays === null ? null : new Date(toMs(lastTouch) + cadenceDays * DAY_MS);
}

/**
 * Days the card's customer contact is overdue at `now` — counted from its last customer touch, or its creation
 * without one — rounded up, so 1 as soon as the cadence has passed; null while not overdue or with the cadence off.
 * Overdue exactly when `now > touchDueAt(lastTouch, cadenceDays)`.
 */
export function touchOverdueDays(lastTouch: Instant, cadenceDays: number | null, now: Instant): number | null {
  const due = touchDueAt(lastTouch, cadenceDays);
  if (due === null) return null;
  const late = toMs(now) - due.getTime();
  return late > 0 ? Math.ceil(late / DAY_MS) : null;
}
