/** Due dates (`YYYY-MM-DD`, a calendar day with no time zone) against the pipeline's clock. */

export type DueState = 'overdue' | 'today' | 'upcoming';

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** The calendar day of `ms` in this browser's time zone, as `YYYY-MM-DD`. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Overdue when the due day is before today; null without a (readable) due date. */
export function dueState(due: string | null | undefined, nowMs: number): DueState | null {
  const m = due ? DAY.exec(due) : null;
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const today = localDay(nowMs);
  return day < today ? 'overdue' : day === today ? 'today' : 'upcoming';
}

/** "Nov 25" (with the year when it is not this year's); the day as written, never shifted by the time zone. */
export function formatDue(due: string, nowMs: number = Date.now()): string {
  const m = DAY.exec(due);
  if (!m) return due;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const sameYear = date.getFullYear() === new Date(nowMs).getFullYear();
  return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) });
}
