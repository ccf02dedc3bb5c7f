import { formatTimeLimit, parseTimeLimit, splitHours } from './time-limit';

describe('time limits in days and hours', () => {
  it('splits hours into whole days and the hours left', () => {
    expect(splitHours(36)).toEqual({ days: 1, hours: 12 });
    expect(splitHours(48)).toEqual({ days: 2, hours: 0 });
    expect(splitHours(5)).toEqual({ days: 0, hours: 5 });
    expect(splitHours(24.5)).toEqual({ days: 1, hours: 0.5 });
  });

  it('reads as days and hours', () => {
    expect(formatTimeLimit(36)).toBe('1 day 12 hours');
    expect(formatTimeLimit(120)).toBe('5 days');
    expect(formatTimeLimit(1)).toBe('1 hour');
    expect(formatTimeLimit(null)).toBe('no limit');
  });

  it('joins the two boxes, empty counting as 0', () => {
    expect(parseTimeLimit('1', '12')).toEqual({ ok: true, hours: 36 });
    expect(parseTimeLimit('', '6')).toEqual({ ok: true, hours: 6 });
    expect(parseTimeLimit('2', '')).toEqual({ ok: true, hours: 48 });
  });

  it('refuses what the server refuses, and nonsense in either box', () => {
    expect(parseTimeLimit('0', '0')).toEqual({ ok: false, field: 'timeLimitHours', message: 'timeLimitHours must be greater than 0' });
    expect(parseTimeLimit('366', '0')).toMatchObject({ ok: false, field: 'timeLimitHours' });
    expect(parseTimeLimit('1.5', '0')).toMatchObject({ ok: false, field: 'days' });
    expect(parseTimeLimit('-1', '30')).toMatchObject({ ok: false, field: 'days' });
    expect(parseTimeLimit('1', 'x')).toMatchObject({ ok: false, field: 'hours' });
  });
});
