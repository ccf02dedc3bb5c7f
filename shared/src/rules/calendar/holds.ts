import { dayNumberOf, toMs, type BusinessCalendar, type Instant } from './business-calendar.js';
import { DAY_MS, instantAtWall, zoneOf } from './time-zone.js';
import { addWorkingMs, workingMsBetween } from './working-time.js';

/** Whose move it is while a card is held (API.md: `POST /api/cards/:id/hold`). */
export const WAITING_ON = ['customer', 'third_party'] as const;
export type WaitingOn = (typeof WAITING_ON)[number];

/** One hold of a lane visit: `to` is null while it lasts. */
export interface HoldSpan {
  from: Instant;
  to: Instant | null;
  waitingOn: WaitingOn;
}

/** Working time held, per party waited on. */
export type HeldMs = Record<WaitingOn, number>;

interface Span {
  from: number;
  to: number;
  waitingOn: WaitingOn;
}

/**
 * Holds as ordered, disjoint spans inside [lo, hi]: an open hold runs to `hi`, and where two overlap the earlier
 * keeps the shared time, so no moment is held twice.
 */
function spansWithin(holds: readonly HoldSpan[], lo: number, hi: number): Span[] {
  const sorted = holds
    .map((h) => ({ from: Math.max(lo, toMs(h.from)), to: Math.min(hi, h.to === null ? hi : toMs(h.to)), waitingOn: h.waitingOn }))
    .sort((x, y) => x.from - y.from);
  const spans: Span[] = [];
  let reached = lo;
  for (const s of sorted) {
    const from = Math.max(s.from, reached);
    if (s.to <= from) continue;
    spans.push({ from, to: s.to, waitingOn: s.waitingOn });
    reached = s.to;
  }
  return spans;
}

/** Whether a hold is in force at `now`. */
export function isHeld(holds: readonly HoldSpan[], now: Instant): boolean {
  const t = toMs(now);
  return holds.some((h) => toMs(h.from) <= t && (h.to === null || t < toMs(h.to)));
}

/**
 * Working time held between `from` and `to`, split by whom the team waited on: the time the lane clock would
 * have run but for the holds (so working + held is the visit's working time). Without a calendar, wall-clock time.
 */
export function heldMsBetween(cal: BusinessCalendar | null, holds: readonly HoldSpan[], from: Instant, to: Instant): HeldMs {
  const held: HeldMs = { customer: 0, third_party: 0 };
  for (const s of spansWithin(holds, toMs(from), toMs(to))) held[s.waitingOn] += workingMsBetween(cal, s.from, s.to);
  return held;
}

/** The lane clock: working time between `from` and `to` less the time held. */
export function workingMsExcludingHolds(cal: BusinessCalendar | null, from: Instant, to: Instant, holds: readonly HoldSpan[]): number {
  const held = heldMsBetween(cal, holds, from, to);
  return workingMsBetween(cal, from, to) - held.customer - held.third_party;
}

/**
 * The instant by which the lane clock, started at `from`, has run `ms` (the latest such, as `addWorkingMs`), with
 * the holds' time not counted; null when a hold is still open (the clock has stopped and nobody knows for how long).
 * So, for `now` after the holds, `workingMsExcludingHolds(from, now) > ms` ⟺ `now > addWorkingMsExcludingHolds(…)`.
 */
export function addWorkingMsExcludingHolds(
  cal: BusinessCalendar | null,
  from: Instant,
  ms: number,
  holds: readonly HoldSpan[],
): Date | null {
  if (holds.some((h) => h.to === null)) return null;
  const start = toMs(from);
  let cursor = start;
  let rest = ms;
  for (const s of spansWithin(holds, start, Number.POSITIVE_INFINITY)) {
    const running = workingMsBetween(cal, cursor, s.from);
    if (rest < running) break;
    rest -= running;
    cursor = s.to;
  }
  return addWorkingMs(cal, cursor, rest);
}

/**
 * When a hold with `until: "YYYY-MM-DD"` ends by itself: the start of that date on the calendar's clock (UTC
 * without a calendar). Null for a string that is not a date.
 */
export function holdEndsAt(cal: BusinessCalendar | null, until: string): Date | null {
  const day = dayNumberOf(until);
  if (day === null) return null;
  return new Date(cal ? instantAtWall(zoneOf(cal.timezone), day * DAY_MS) : day * DAY_MS);
}
