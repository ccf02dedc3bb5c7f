import { compileCalendar, toMs, weekdayOf, type BusinessCalendar, type Instant } from './business-calendar.js';
import { WAITING_ON, type WaitingOn } from './holds.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, wallAt, zoneOf } from './time-zone.js';

const WAITING_ON_LABEL: Record<WaitingOn, string> = { customer: 'customer', third_party: 'third party' };
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Hours in one of the calendar's working days (8 for 09:00–17:00). */
export function dailyWorkingHours(cal: BusinessCalendar): number {
  return compileCalendar(cal).dayMs / HOUR_MS;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * A lane limit in the calendar's terms: "2 working days" when it is a whole number of working days, else
 * "12 working hours" (or "30 working minutes"). Null without a calendar: the limit is then round-the-clock time.
 */
export function workingLimitLabel(limitHours: number, cal: BusinessCalendar | null): string | null {
  if (!cal) return null;
  const days = limitHours / dailyWorkingHours(cal);
  const wholeDays = Math.round(days);
  if (wholeDays >= 1 && Math.abs(days - wholeDays) < 1e-9) return plural(wholeDays, 'working day');
  if (limitHours < 1) return plural(Math.round(limitHours * 60), 'working minute');
  return plural(Math.round(limitHours * 100) / 100, 'working hour');
}

/**
 * When, on the viewer's clock: "14:05" the same day, the weekday ("Tue") within the past six days, else the date
 * ("3 Mar", with the year when it is not this year's).
 */
export function sinceLabel(at: Instant, now: Instant, viewerTimeZone: string): string {
  const zone = zoneOf(viewerTimeZone);
  const wall = wallAt(zone, toMs(at));
  const day = Math.floor(wall / DAY_MS);
  const today = Math.floor(wallAt(zone, toMs(now)) / DAY_MS);
  if (day === today) {
    const minutes = Math.floor((wall - day * DAY_MS) / MINUTE_MS);
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  }
  if (day < today && today - day < 7) return WEEKDAYS[weekdayOf(day)];
  const date = new Date(day * DAY_MS);
  const sameYear = date.getUTCFullYear() === new Date(today * DAY_MS).getUTCFullYear();
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}${sameYear ? '' : ` ${date.getUTCFullYear()}`}`;
}

/** The tile's line for a held card: "Waiting on customer since Tue", in the viewer's time zone. */
export function holdLabel(hold: { since: Instant; waitingOn: WaitingOn }, now: Instant, viewerTimeZone: string): string {
  const who = WAITING_ON.includes(hold.waitingOn) ? WAITING_ON_LABEL[hold.waitingOn] : hold.waitingOn;
  return `Waiting on ${who} since ${sinceLabel(hold.since, now, viewerTimeZone)}`;
}
