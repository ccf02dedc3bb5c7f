import { at, calendar } from './calendar-fixtures.js';
import { dailyWorkingHours, holdLabel, sinceLabel, workingLimitLabel } from './display.js';

describe('workingLimitLabel', () => {
  const office = calendar(); // 8 hours a day

  it.each([
    [16, '2 working days'],
    [8, '1 working day'],
    [40, '5 working days'],
    [12, '12 working hours'],
    [1, '1 working hour'],
    [2.5, '2.5 working hours'],
    [0.5, '30 working minutes'],
  ])('shows %p hours as %p', (hours, label) => {
    expect(workingLimitLabel(hours, office)).toBe(label);
  });

  it("counts days of the calendar's own length", () => {
    const kolkata = calendar({ timezone: 'Asia/Kolkata', start: '09:30', end: '18:00' });
    expect(dailyWorkingHours(kolkata)).toBe(8.5);
    expect(workingLimitLabel(17, kolkata)).toBe('2 working days');
    expect(workingLimitLabel(16, kolkata)).toBe('16 working hours');
    expect(dailyWorkingHours(calendar({ start: '00:00', end: '24:00' }))).toBe(24);
  });

  it('is null without a calendar: the limit is round-the-clock time', () => {
    expect(workingLimitLabel(48, null)).toBeNull();
  });
});

describe('holdLabel and sinceLabel', () => {
  const now = at('2026-03-12T15:00Z'); // a Thursday

  it('names the party and the weekday within the past week', () => {
    expect(holdLabel({ since: at('2026-03-10T10:00Z'), waitingOn: 'customer' }, now, 'Europe/London')).toBe(
      'Waiting on customer since Tue',
    );
    expect(holdLabel({ since: '2026-03-06T10:00:00Z', waitingOn: 'third_party' }, now, 'Europe/London')).toBe(
      'Waiting on third party since Fri',
    );
  });

  it("reads the day on the viewer's clock", () => {
    const lateTuesday = at('2026-03-10T23:30Z');
    expect(sinceLabel(lateTuesday, now, 'Europe/London')).toBe('Tue');
    expect(sinceLabel(lateTuesday, now, 'Asia/Kolkata')).toBe('Wed');
    expect(sinceLabel(lateTuesday, now, 'America/Los_Angeles')).toBe('Tue');
  });

  it('shows the time the same day and the date beyond a week, with the year when it is another', () => {
    expect(sinceLabel(at('2026-03-12T09:05Z'), now, 'Asia/Kolkata')).toBe('14:35');
    expect(sinceLabel(at('2026-03-05T10:00Z'), now, 'Europe/London')).toBe('5 Mar');
    expect(sinceLabel(at('2025-12-28T10:00Z'), now, 'Europe/London')).toBe('28 Dec 2025');
  });
});
