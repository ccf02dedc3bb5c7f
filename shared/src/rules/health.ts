import type { Health } from '../domain.js';

export const AT_RISK_FRACTION = 0.75;
export const ESCALATION_FACTOR = 2;

export interface HealthReading {
  health: Health;
  /** Minutes past the lane's limit; 0 unless stuck. */
  overdueMinutes: number;
}

/** Health of a card from when it entered its lane, the lane's limit and now. */
export function health(enteredAt: Date | string, limitHours: number | null, now: Date | number): HealthReading {
  if (limitHours === null || limitHours <= 0) return { health: 'ok', overdueMinutes: 0 };
  const elapsedMs = toMs(now) - toMs(enteredAt);
  const limitMs = limitHours * 3_600_000;
  if (elapsedMs > limitMs) return { health: 'stuck', overdueMinutes: Math.floor((elapsedMs - limitMs) / 60_000) };
  if (elapsedMs > limitMs * AT_RISK_FRACTION) return { health: 'at_risk', overdueMinutes: 0 };
  return { health: 'ok', overdueMinutes: 0 };
}

/** Nudge level due for a card: 0 none, 1 nudge owners (past the limit), 2 escalate (past twice the limit). */
export function nudgeLevel(enteredAt: Date | string, limitHours: number | null, now: Date | number): 0 | 1 | 2 {
  if (limitHours === null || limitHours <= 0) return 0;
  const elapsedMs = toMs(now) - toMs(enteredAt);
  const limitMs = limitHours * 3_600_000;
  if (elapsedMs > limitMs * ESCALATION_FACTOR) return 2;
  return elapsedMs > limitMs ? 1 : 0;
}

function toMs(t: Date | string | number): number {
  return typeof t === 'number' ? t : new Date(t).getTime();
}

/** "2d 4h", "3h 10m", "25m": a compact duration for cards and lists. */
export function formatDuration(minutes: number): string {
  // NaN or Infinity (a bad timestamp upstream) reads as 0m rather than "NaNm".
  const m = Number.isFinite(minutes) ? Math.max(0, Math.floor(minutes)) : 0;
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return min > 0 ? `${h}h ${min}m` : `${h}h`;
  return `${min}m`;
}
