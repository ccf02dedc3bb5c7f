// Test helpers for the calendar specs (not exported from the package).
import type { BusinessCalendar } from './business-calendar.js';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export function calendar(overrides: Partial<BusinessCalendar> = {}): BusinessCalendar {
  return { timezone: 'Europe/London', workingDays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: [], ...overrides };
}

export const at = (iso: string): Date => new Date(iso);

/** A seeded generator (mulberry32), so a failing random case can be replayed. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)];

/**
 * Working minutes between two instants on a quarter-hour grid by brute force: for every quarter hour, ask Intl what
 * the zone's clock shows and whether that is working time. Independent of the arithmetic under test.
 */
export function referenceWorkingMs(cal: BusinessCalendar, from: number, to: number): number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: cal.timezone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const step = 15 * MINUTE;
  let total = 0;
  for (let t = from; t < to; t += step) {
    const p = Object.fromEntries(format.formatToParts(t).map((x) => [x.type, x.value]));
    const clock = `${p.hour}:${p.minute}`;
    const working =
      cal.workingDays.includes(weekdays.indexOf(p.weekday) + 1) &&
      !cal.holidays.includes(`${p.year}-${p.month}-${p.day}`) &&
      clock >= cal.start &&
      clock < cal.end;
    if (working) total += step;
  }
  return total;
}
