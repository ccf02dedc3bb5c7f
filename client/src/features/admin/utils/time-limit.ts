import { laneSettingsErrors } from '@relay/shared';

export interface DaysHours {
  days: number;
  hours: number;
}

/** 36 → {days: 1, hours: 12}: how a lane's limit (kept in hours) is shown and edited. */
export function splitHours(total: number): DaysHours {
  const days = Math.floor(total / 24);
  // Two decimals at most: a limit of 0.5 h stays 0.5, not 0.49999.
  const hours = Math.round((total - days * 24) * 100) / 100;
  return { days, hours };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "1 day 12 hours", "2 days", "12 hours"; "no limit" for the end of the pipeline. */
export function formatTimeLimit(total: number | null): string {
  if (total === null) return 'no limit';
  const { days, hours } = splitHours(total);
  const parts = [days > 0 ? plural(days, 'day') : '', hours > 0 || days === 0 ? plural(hours, 'hour') : ''];
  return parts.filter(Boolean).join(' ');
}

export type TimeLimitParse = { ok: true; hours: number } | { ok: false; field: 'days' | 'hours' | 'timeLimitHours'; message: string };

/**
 * The limit from the days and hours boxes (empty counts as 0): days whole, hours any amount, the total
 * checked with the server's rule (more than 0, at most a year).
 */
export function parseTimeLimit(daysText: string, hoursText: string): TimeLimitParse {
  const days = daysText.trim() === '' ? 0 : Number(daysText);
  const hours = hoursText.trim() === '' ? 0 : Number(hoursText);
  if (!Number.isInteger(days) || days < 0) return { ok: false, field: 'days', message: 'Days must be a whole number, 0 or more' };
  if (!Number.isFinite(hours) || hours < 0) return { ok: false, field: 'hours', message: 'Hours must be a number, 0 or more' };
  const total = days * 24 + hours;
  const [problem] = laneSettingsErrors({ timeLimitHours: total });
  return problem ? { ok: false, field: 'timeLimitHours', message: problem.message } : { ok: true, hours: total };
}
