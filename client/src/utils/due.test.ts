import { dueState, formatDue, localDay } from './due';

// Noon local time on 26 November 2026: "today" is the 26th whatever the time zone.
const now = new Date(2026, 10, 26, 12, 0).getTime();

describe('dueState', () => {
  it('is overdue only for days before today', () => {
    expect(dueState('2026-11-25', now)).toBe('overdue');
    expect(dueState('2026-11-26', now)).toBe('today');
    expect(dueState('2026-11-27', now)).toBe('upcoming');
    expect(dueState('2025-12-31', now)).toBe('overdue');
  });

  it('uses the local day, so just after midnight yesterday is already overdue', () => {
    const justAfterMidnight = new Date(2026, 10, 26, 0, 5).getTime();
    expect(localDay(justAfterMidnight)).toBe('2026-11-26');
    expect(dueState('2026-11-25', justAfterMidnight)).toBe('overdue');
  });

  it('is null without a readable date', () => {
    expect(dueState(null, now)).toBeNull();
    expect(dueState('soon', now)).toBeNull();
  });
});

describe('formatDue', () => {
  it('shows the day as written, without a time-zone shift', () => {
    expect(formatDue('2026-11-25', now)).toBe('Nov 25');
    expect(formatDue('2026-12-01', now)).toBe('Dec 1');
  });

  it('adds the year when it is not this year', () => {
    expect(formatDue('2027-01-05', now)).toBe('Jan 5, 2027');
  });
});
