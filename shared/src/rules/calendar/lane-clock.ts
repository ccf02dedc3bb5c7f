import { AT_RISK_FRACTION, ESCALATION_FACTOR, type HealthReading } from '../health.js';
import { type BusinessCalendar, type Instant } from './business-calendar.js';
import { addWorkingMsExcludingHolds, isHeld, workingMsExcludingHolds, type HoldSpan } from './holds.js';
import { HOUR_MS, MINUTE_MS } from './time-zone.js';

/**
 * A lane visit's clock with the business calendar and holds: `health` and `nudgeLevel` (rules/health.ts) are the
 * case of no calendar and no holds, with the same thresholds and the same answers.
 */
export interface LaneVisit {
  enteredAt: Instant;
  limitHours: number | null;
  /** This visit's holds; those ended before `enteredAt` do not count. */
  holds?: readonly HoldSpan[];
}

/** Fractions of the limit past which a card is at risk, stuck (nudged), escalated. */
export interface DueThresholds {
  atRisk: number;
  stuck: number;
  escalate: number;
}

export const DUE_THRESHOLDS: Readonly<DueThresholds> = Object.freeze({ atRisk: AT_RISK_FRACTION, stuck: 1, escalate: ESCALATION_FACTOR });

/** UTC instants after which the card is at risk, stuck, escalated; null when never (no limit, or held). */
export interface DueMoments {
  atRisk: Date | null;
  stuck: Date | null;
  escalate: Date | null;
}

const NEVER: DueMoments = { atRisk: null, stuck: null, escalate: null };

function hasLimit(limitHours: number | null): limitHours is number {
  return limitHours !== null && limitHours > 0;
}

/** The lane clock's reading in ms, or null when it does not matter (no limit) or has stopped (held). */
function elapsedMs(cal: BusinessCalendar | null, visit: LaneVisit, now: Instant): number | null {
  const holds = visit.holds ?? [];
  if (!hasLimit(visit.limitHours) || isHeld(holds, now)) return null;
  return workingMsExcludingHolds(cal, visit.enteredAt, now, holds);
}

/**
 * Health of a card in its lane at `now`, counting working time only and not the time held; a held card is ok
 * whatever its age. `overdueMinutes` are working minutes past the limit.
 */
export function laneHealth(cal: BusinessCalendar | null, visit: LaneVisit, now: Instant): HealthReading {
  const elapsed = elapsedMs(cal, visit, now);
  if (elapsed === null) return { health: 'ok', overdueMinutes: 0 };
  const limitMs = visit.limitHours! * HOUR_MS;
  if (elapsed > limitMs) return { health: 'stuck', overdueMinutes: Math.floor((elapsed - limitMs) / MINUTE_MS) };
  if (elapsed > limitMs * AT_RISK_FRACTION) return { health: 'at_risk', overdueMinutes: 0 };
  return { health: 'ok', overdueMinutes: 0 };
}

/** Nudge level due at `now`: 0 none, 1 nudge the owners (past the limit), 2 escalate (past twice the limit); 0 while held. */
export function laneNudgeLevel(cal: BusinessCalendar | null, visit: LaneVisit, now: Instant): 0 | 1 | 2 {
  const elapsed = elapsedMs(cal, visit, now);
  if (elapsed === null) return 0;
  const limitMs = visit.limitHours! * HOUR_MS;
  if (elapsed > limitMs * ESCALATION_FACTOR) return 2;
  return elapsed > limitMs ? 1 : 0;
}

/**
 * What the stuck scan keeps per card: the UTC instants after which it is at risk, stuck and escalated, so that
 * `laneHealth(now)` is at risk exactly when `now > atRisk`, stuck exactly when `now > stuck`, and the nudge level
 * is 2 exactly when `now > escalate` (for `now` after the visit's closed holds). All null while a hold is open or
 * without a limit. Recompute on lane entry, hold, release and a change of calendar or limit.
 */
export function dueMoments(cal: BusinessCalendar | null, visit: LaneVisit, thresholds: DueThresholds = DUE_THRESHOLDS): DueMoments {
  const holds = visit.holds ?? [];
  if (!hasLimit(visit.limitHours) || holds.some((h) => h.to === null)) return NEVER;
  const limitMs = visit.limitHours * HOUR_MS;
  // The clock reads whole ms, so "more than x" is "more than floor(x)".
  const due = (fraction: number) => addWorkingMsExcludingHolds(cal, visit.enteredAt, Math.floor(limitMs * fraction), holds);
  return { atRisk: due(thresholds.atRisk), stuck: due(thresholds.stuck), escalate: due(thresholds.escalate) };
}
