import type { FieldError } from '../../errors.js';
import { canonicalZoneName, DAY_MS, MINUTE_MS, zoneOf, type Zone } from './time-zone.js';

/**
 * The team's working time (API.md, "Clocks that know whose move it is"): with one, lane clocks count only these
 * hours; without one (`null`) they run round the clock.
 */
export interface BusinessCalendar {
  /** IANA name, e.g. "Europe/London"; hours and holidays are on this zone's wall clock. */
  timezone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** "HH:MM", 24-hour; `end` may be "24:00". */
  start: string;
  end: string;
  /** "YYYY-MM-DD" dates on which nobody works. */
  holidays: string[];
}

/** An instant as the API and the database hand it over. */
export type Instant = Date | string | number;

export const CALENDAR_LIMITS = { holidays: 366, firstYear: 2000, lastYear: 2100, timezoneLength: 64 } as const;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toMs(t: Instant): number {
  return typeof t === 'number' ? t : t instanceof Date ? t.getTime() : Date.parse(t);
}

/** Minutes after midnight for "HH:MM" ("24:00" only where `end`), else null. */
function minutesOf(text: unknown, allowMidnightEnd: boolean): number | null {
  if (typeof text !== 'string') return null;
  if (allowMidnightEnd && text === '24:00') return 1440;
  const m = HH_MM.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Day number (days since 1970-01-01) of a real calendar date "YYYY-MM-DD", else null. */
export function dayNumberOf(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms / DAY_MS : null;
}

function timezoneProblem(tz: unknown): string | null {
  const message = 'calendar.timezone must be an IANA time zone such as Europe/London';
  // Offsets ("+05:30") are refused everywhere, although newer engines accept them, so server and browser agree.
  if (typeof tz !== 'string' || tz.length > CALENDAR_LIMITS.timezoneLength || !/^[A-Za-z]/.test(tz)) return message;
  return canonicalZoneName(tz) === null ? message : null;
}

function workingDaysProblem(days: unknown): string | null {
  if (!Array.isArray(days) || days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
    return 'calendar.workingDays must list at least one ISO weekday, 1 (Monday) to 7 (Sunday)';
  return new Set(days).size === days.length ? null : 'calendar.workingDays must not list a day twice';
}

function holidaysProblem(holidays: unknown): string | null {
  const { firstYear, lastYear } = CALENDAR_LIMITS;
  if (!Array.isArray(holidays)) return 'calendar.holidays must be a list of dates (YYYY-MM-DD)';
  for (const h of holidays) {
    const day = dayNumberOf(h);
    const year = typeof h === 'string' ? Number(h.slice(0, 4)) : 0;
    if (day === null) return `calendar.holidays must be dates (YYYY-MM-DD); ${JSON.stringify(h)} is not one`;
    if (year < firstYear || year > lastYear) return `calendar.holidays must be dates from ${firstYear} to ${lastYear}; ${h} is not`;
  }
  if (new Set(holidays).size > CALENDAR_LIMITS.holidays) return `calendar.holidays may list at most ${CALENDAR_LIMITS.holidays} dates`;
  return null;
}

/**
 * The first thing wrong with a calendar sent to `PATCH /api/settings` (or typed into the form), naming its field;
 * null when it can be used (`null` itself is fine: round the clock). Duplicate holidays are not a problem:
 * `normalizeCalendar` drops them.
 */
export function calendarProblem(input: unknown): FieldError | null {
  if (input === null) return null;
  if (typeof input !== 'object' || Array.isArray(input))
    return { field: 'calendar', message: 'calendar must be an object with timezone, workingDays, start, end and holidays, or null' };
  const cal = input as Record<string, unknown>;
  const problems: [string, string | null][] = [
    ['calendar.timezone', timezoneProblem(cal.timezone)],
    ['calendar.workingDays', workingDaysProblem(cal.workingDays)],
    ['calendar.start', minutesOf(cal.start, false) === null ? 'calendar.start must be a time HH:MM, 00:00 to 23:59' : null],
    ['calendar.end', minutesOf(cal.end, true) === null ? 'calendar.end must be a time HH:MM, 00:01 to 24:00' : null],
    ['calendar.holidays', holidaysProblem(cal.holidays)],
  ];
  for (const [field, message] of problems) if (message) return { field, message };
  if (minutesOf(cal.end, true)! <= minutesOf(cal.start, false)!)
    return { field: 'calendar.end', message: 'calendar.end must be later than calendar.start (working hours cannot run past midnight)' };
  return null;
}

/** The stored form of a valid calendar: canonical zone name, days in order, holidays sorted without repeats. */
export function normalizeCalendar(cal: BusinessCalendar): BusinessCalendar {
  return {
    timezone: canonicalZoneName(cal.timezone) ?? cal.timezone,
    workingDays: [...new Set(cal.workingDays)].sort((a, b) => a - b),
    start: cal.start,
    end: cal.end,
    holidays: [...new Set(cal.holidays)].sort(),
  };
}

/** A calendar prepared for arithmetic; built once per calendar object. */
export interface CompiledCalendar {
  zone: Zone;
  /** Indexed by weekday, 0 = Monday. */
  working: boolean[];
  perWeek: number;
  /** `prefix[r]`: working weekdays among the first r days of a 7-day cycle starting on day 0 (a Thursday). */
  prefix: number[];
  startMs: number;
  endMs: number;
  /** Length of an ordinary working day. */
  dayMs: number;
  holidays: Set<number>;
  /** Holidays that fall on working weekdays, ascending: the only ones that change a count. */
  countedHolidays: number[];
}

/** 0 = Monday … 6 = Sunday for a day number (day 0, 1970-01-01, was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

export function compileCalendar(cal: BusinessCalendar): CompiledCalendar {
  let c = compiled.get(cal);
  if (c) return c;
  const working = Array.from({ length: 7 }, (_, i) => cal.workingDays.includes(i + 1));
  const prefix = [0];
  for (let r = 0; r < 7; r++) prefix.push(prefix[r] + (working[weekdayOf(r)] ? 1 : 0));
  const startMs = minutesOf(cal.start, false)! * MINUTE_MS;
  const endMs = minutesOf(cal.end, true)! * MINUTE_MS;
  const holidays = new Set(cal.holidays.map(dayNumberOf).filter((d): d is number => d !== null));
  const countedHolidays = [...holidays].filter((d) => working[weekdayOf(d)]).sort((a, b) => a - b);
  c = {
    zone: zoneOf(cal.timezone),
    working,
    perWeek: prefix[7],
    prefix,
    startMs,
    endMs,
    dayMs: endMs - startMs,
    holidays,
    countedHolidays,
  };
  compiled.set(cal, c);
  return c;
}
