import { calendarProblem, compileCalendar, dayNumberOf, normalizeCalendar, weekdayOf } from './business-calendar.js';
import { calendar } from './calendar-fixtures.js';

describe('calendarProblem', () => {
  it('accepts a sound calendar, and null (round the clock)', () => {
    expect(calendarProblem(calendar())).toBeNull();
    expect(calendarProblem(null)).toBeNull();
    expect(calendarProblem(calendar({ timezone: 'Asia/Kolkata', workingDays: [7, 1], start: '00:00', end: '24:00' }))).toBeNull();
    expect(calendarProblem(calendar({ holidays: ['2026-12-25', '2026-12-25'] }))).toBeNull();
  });

  it.each([
    [[], 'calendar', 'must be an object'],
    ['Mon-Fri', 'calendar', 'must be an object'],
    [calendar({ timezone: 'Mars/Olympus_Mons' }), 'calendar.timezone', 'IANA time zone'],
    [calendar({ timezone: '+05:30' }), 'calendar.timezone', 'IANA time zone'],
    [calendar({ timezone: 42 as unknown as string }), 'calendar.timezone', 'IANA time zone'],
    [calendar({ timezone: `Europe/${'x'.repeat(80)}` }), 'calendar.timezone', 'IANA time zone'],
    [calendar({ workingDays: [] }), 'calendar.workingDays', 'at least one ISO weekday'],
    [calendar({ workingDays: [0, 1] }), 'calendar.workingDays', 'at least one ISO weekday'],
    [calendar({ workingDays: [1, 8] }), 'calendar.workingDays', 'at least one ISO weekday'],
    [calendar({ workingDays: [1.5] }), 'calendar.workingDays', 'at least one ISO weekday'],
    [calendar({ workingDays: [1, 2, 2] }), 'calendar.workingDays', 'twice'],
    [calendar({ start: '9:00' }), 'calendar.start', 'HH:MM'],
    [calendar({ start: '24:00' }), 'calendar.start', 'HH:MM'],
    [calendar({ end: '17:60' }), 'calendar.end', 'HH:MM'],
    [calendar({ start: '17:00', end: '09:00' }), 'calendar.end', 'later than calendar.start'],
    [calendar({ start: '09:00', end: '09:00' }), 'calendar.end', 'later than calendar.start'],
    [calendar({ holidays: '2026-12-25' as unknown as string[] }), 'calendar.holidays', 'list of dates'],
    [calendar({ holidays: ['2026-02-30'] }), 'calendar.holidays', '"2026-02-30" is not one'],
    [calendar({ holidays: ['25/12/2026'] }), 'calendar.holidays', 'is not one'],
    [calendar({ holidays: ['1999-12-31'] }), 'calendar.holidays', 'from 2000 to 2100'],
    [
      calendar({ holidays: Array.from({ length: 367 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)) }),
      'calendar.holidays',
      'at most 366',
    ],
  ])('refuses %j, naming %s', (input, field, message) => {
    const problem = calendarProblem(input);
    expect(problem?.field).toBe(field);
    expect(problem?.message).toContain(message);
  });

  it('counts holidays after dropping repeats', () => {
    const days = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    expect(calendarProblem(calendar({ holidays: [...days, days[0]] }))).toBeNull();
  });
});

describe('normalizeCalendar', () => {
  it('stores the canonical zone, days in order and each holiday once, in order', () => {
    expect(
      normalizeCalendar(
        calendar({ timezone: 'europe/london', workingDays: [5, 1, 3], holidays: ['2026-12-26', '2026-12-25', '2026-12-26'] }),
      ),
    ).toEqual(calendar({ workingDays: [1, 3, 5], holidays: ['2026-12-25', '2026-12-26'] }));
  });
});

describe('calendar arithmetic helpers', () => {
  it('numbers days from 1970-01-01, a Thursday', () => {
    expect(dayNumberOf('1970-01-01')).toBe(0);
    expect(dayNumberOf('2026-03-09')).toBe(Date.UTC(2026, 2, 9) / 86_400_000);
    expect(weekdayOf(0)).toBe(3);
    expect(weekdayOf(dayNumberOf('2026-03-09')!)).toBe(0); // a Monday
    expect(weekdayOf(-1)).toBe(2);
  });

  it('compiles a calendar once per object', () => {
    const cal = calendar({ holidays: ['2026-12-25', '2026-12-26'] }); // a Friday and a Saturday
    const compiled = compileCalendar(cal);
    expect(compileCalendar(cal)).toBe(compiled);
    expect(compiled.dayMs).toBe(8 * 3_600_000);
    expect(compiled.perWeek).toBe(5);
    expect(compiled.countedHolidays).toEqual([dayNumberOf('2026-12-25')]);
  });
});
