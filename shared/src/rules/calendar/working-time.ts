import { compileCalendar, toMs, weekdayOf, type BusinessCalendar, type CompiledCalendar, type Instant } from './business-calendar.js';
import { DAY_MS, dayAt, forEachTransition, instantAtWall, isValidInstant } from './time-zone.js';

/*
 * Working time is the time during which the calendar zone's wall clock shows a working day (a working weekday
 * that is not a holiday) between `start` and `end`. Day D's window runs from the first instant the clock reads
 * D + start to the first instant it reads D + end, so a day whose clocks go forward inside the hours is shorter and
 * one whose clocks go back is longer. Windows of days strictly between the first and last day are counted, not
 * walked: weekdays by whole weeks, holidays by binary search, and only days with a change of offset measured.
 */

function isWorkingDay(c: CompiledCalendar, day: number): boolean {
  return c.working[weekdayOf(day)] && !c.holidays.has(day);
}

function windowStart(c: CompiledCalendar, day: number): number {
  return instantAtWall(c.zone, day * DAY_MS + c.startMs);
}

function windowEnd(c: CompiledCalendar, day: number): number {
  return instantAtWall(c.zone, day * DAY_MS + c.endMs);
}

function windowMs(c: CompiledCalendar, day: number): number {
  return isWorkingDay(c, day) ? windowEnd(c, day) - windowStart(c, day) : 0;
}

/** Working time of `day`'s window inside [a, b). */
function overlapMs(c: CompiledCalendar, day: number, a: number, b: number): number {
  if (!isWorkingDay(c, day)) return 0;
  return Math.max(0, Math.min(b, windowEnd(c, day)) - Math.max(a, windowStart(c, day)));
}

/** Working weekdays among day numbers [0, n), holidays not subtracted. */
function weekdaysBefore(c: CompiledCalendar, n: number): number {
  const weeks = Math.floor(n / 7);
  return weeks * c.perWeek + c.prefix[n - weeks * 7];
}

/** Holidays on working weekdays among day numbers [0, n) of those listed: a binary search. */
function holidaysBefore(c: CompiledCalendar, n: number): number {
  const list = c.countedHolidays;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Working days among days [d1, d2]. */
function workingDaysIn(c: CompiledCalendar, d1: number, d2: number): number {
  if (d2 < d1) return 0;
  return weekdaysBefore(c, d2 + 1) - weekdaysBefore(c, d1) - (holidaysBefore(c, d2 + 1) - holidaysBefore(c, d1));
}

/** Working time of the whole days [d1, d2]: ordinary days counted, days with a change of offset measured. */
function wholeDaysMs(c: CompiledCalendar, d1: number, d2: number): number {
  if (d2 < d1) return 0;
  let total = workingDaysIn(c, d1, d2) * c.dayMs;
  let lastDay = Number.NEGATIVE_INFINITY;
  forEachTransition(c.zone, d1 * DAY_MS - 2 * DAY_MS, (d2 + 1) * DAY_MS + 2 * DAY_MS, (at, before, after) => {
    // The days whose clock reads around the change: when clocks go back over midnight, two of them.
    const last = Math.floor((at + Math.max(before, after)) / DAY_MS);
    for (let day = Math.max(lastDay + 1, d1, Math.floor((at + Math.min(before, after)) / DAY_MS)); day <= Math.min(last, d2); day++) {
      lastDay = day;
      if (isWorkingDay(c, day)) total += windowMs(c, day) - c.dayMs;
    }
  });
  return total;
}

/**
 * Working time from `from` to `to`, in ms; negative when `to` is earlier. Without a calendar, the plain difference.
 * Cost: a few dozen table lookups whatever the span (a card three years in a lane costs the same as one day).
 */
export function workingMsBetween(cal: BusinessCalendar | null, from: Instant, to: Instant): number {
  const a = toMs(from);
  const b = toMs(to);
  if (!cal) return b - a;
  if (!isValidInstant(a) || !isValidInstant(b)) return Number.NaN;
  if (b < a) return -workingMsBetween(cal, b, a);
  const c = compileCalendar(cal);
  const da = dayAt(c.zone, a);
  const db = dayAt(c.zone, b);
  // A window lies within its own day give or take an offset change, so days beyond ±1 of an end are whole.
  let total = 0;
  if (db - da <= 4) {
    for (let d = da - 1; d <= db + 1; d++) total += overlapMs(c, d, a, b);
    return total;
  }
  for (let d = da - 1; d <= da + 1; d++) total += overlapMs(c, d, a, b);
  for (let d = db - 1; d <= db + 1; d++) total += overlapMs(c, d, a, b);
  return total + wholeDaysMs(c, da + 2, db - 2);
}

/** The first day from `d1` by which more than `ms` of ordinary working days have passed (offset changes ignored). */
function estimateDay(c: CompiledCalendar, d1: number, ms: number): number {
  const need = Math.floor(ms / c.dayMs) + 1;
  let lo = d1;
  let hi = d1 + 7 * Math.ceil(need / c.perWeek);
  while (workingDaysIn(c, d1, hi) < need) hi += 7 * Math.ceil((need - workingDaysIn(c, d1, hi)) / c.perWeek);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (workingDaysIn(c, d1, mid) >= need) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The instant by which `ms` of working time has passed since `from` — the latest such instant, so that exactly
 * "more than `ms` has passed" holds after it: landing on the close of a day gives the next opening, and `ms = 0`
 * outside hours gives the next opening. So `workingMsBetween(from, t) > ms` ⟺ `t > addWorkingMs(from, ms)`.
 * Without a calendar, `from + ms`. Cost as `workingMsBetween`'s.
 */
export function addWorkingMs(cal: BusinessCalendar | null, from: Instant, ms: number): Date {
  const a = toMs(from);
  if (!cal) return new Date(a + ms);
  if (ms < 0) throw new RangeError('addWorkingMs counts forwards: ms must not be negative');
  if (!isValidInstant(a) || !Number.isFinite(ms)) return new Date(Number.NaN);
  const c = compileCalendar(cal);
  const da = dayAt(c.zone, a);
  let rest = ms;
  for (let d = da - 1; d <= da + 1; d++) {
    if (!isWorkingDay(c, d)) continue;
    const start = Math.max(a, windowStart(c, d));
    const available = windowEnd(c, d) - start;
    if (available <= 0) continue;
    if (rest < available) return new Date(start + rest);
    rest -= available;
  }
  // Whole days from here: jump to the estimated day, then correct by the offset changes in between.
  const d1 = da + 2;
  let day = estimateDay(c, d1, rest);
  let passed = wholeDaysMs(c, d1, day - 1);
  while (passed > rest) passed -= windowMs(c, --day);
  for (let len = windowMs(c, day); passed + len <= rest; len = windowMs(c, ++day)) passed += len;
  return new Date(windowStart(c, day) + (rest - passed));
}

/** The next moment the calendar's clock runs: `at` itself during working hours. */
export function nextOpening(cal: BusinessCalendar | null, at: Instant): Date {
  return addWorkingMs(cal, at, 0);
}

/** Whether `at` is working time (always, without a calendar). */
export function isWorkingTime(cal: BusinessCalendar | null, at: Instant): boolean {
  return nextOpening(cal, at).getTime() === toMs(at);
}
