import { AT_RISK_FRACTION, ESCALATION_FACTOR, formatDuration, health, nudgeLevel } from './health.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const entered = new Date('2026-03-02T09:00:00.000Z');
const after = (ms: number): number => entered.getTime() + ms;

describe('health', () => {
  const limit = 24;

  it('is ok when the card has just arrived', () => {
    expect(health(entered, limit, entered)).toEqual({ health: 'ok', overdueMinutes: 0 });
  });

  it('is still ok at exactly 75% of the limit', () => {
    expect(AT_RISK_FRACTION).toBe(0.75);
    expect(health(entered, limit, after(18 * HOUR))).toEqual({ health: 'ok', overdueMinutes: 0 });
  });

  it('is at risk just past 75% of the limit', () => {
    expect(health(entered, limit, after(18 * HOUR + 1))).toEqual({ health: 'at_risk', overdueMinutes: 0 });
  });

  it('is at risk, not stuck, at exactly the limit', () => {
    expect(health(entered, limit, after(24 * HOUR))).toEqual({ health: 'at_risk', overdueMinutes: 0 });
  });

  it('is stuck just past the limit, with whole overdue minutes rounded down', () => {
    expect(health(entered, limit, after(24 * HOUR + 1))).toEqual({ health: 'stuck', overdueMinutes: 0 });
    expect(health(entered, limit, after(24 * HOUR + MINUTE - 1))).toEqual({ health: 'stuck', overdueMinutes: 0 });
    expect(health(entered, limit, after(24 * HOUR + MINUTE))).toEqual({ health: 'stuck', overdueMinutes: 1 });
  });

  it('counts overdue minutes from the limit, not from arrival', () => {
    expect(health(entered, limit, after(25 * HOUR + 30 * MINUTE))).toEqual({ health: 'stuck', overdueMinutes: 90 });
    expect(health(entered, limit, after(72 * HOUR))).toEqual({ health: 'stuck', overdueMinutes: 48 * 60 });
  });

  it('is always ok in a lane without a limit (Done)', () => {
    expect(health(entered, null, after(10_000 * HOUR))).toEqual({ health: 'ok', overdueMinutes: 0 });
  });

  it.each([0, -5])('treats a limit of %p hours as no limit', (badLimit) => {
    expect(health(entered, badLimit, after(100 * HOUR))).toEqual({ health: 'ok', overdueMinutes: 0 });
  });

  it('is ok when the clock reads earlier than the arrival (clock skew)', () => {
    expect(health(entered, limit, after(-5 * HOUR))).toEqual({ health: 'ok', overdueMinutes: 0 });
  });

  it('accepts arrival as an ISO string and now as a Date or epoch milliseconds alike', () => {
    const now = after(30 * HOUR);
    const expected = { health: 'stuck', overdueMinutes: 6 * 60 };
    expect(health(entered.toISOString(), limit, now)).toEqual(expected);
    expect(health(entered.toISOString(), limit, new Date(now))).toEqual(expected);
    expect(health(entered, limit, new Date(now))).toEqual(expected);
  });

  it('handles fractional limits', () => {
    // A 30-minute limit: at risk after 22.5 minutes.
    expect(health(entered, 0.5, after(22 * MINUTE)).health).toBe('ok');
    expect(health(entered, 0.5, after(23 * MINUTE)).health).toBe('at_risk');
    expect(health(entered, 0.5, after(45 * MINUTE))).toEqual({ health: 'stuck', overdueMinutes: 15 });
  });
});

describe('nudgeLevel', () => {
  const limit = 48;

  it('is 0 before and at the limit', () => {
    expect(nudgeLevel(entered, limit, after(47 * HOUR))).toBe(0);
    expect(nudgeLevel(entered, limit, after(48 * HOUR))).toBe(0);
  });

  it('is 1 (nudge the owners) just past the limit and up to twice the limit', () => {
    expect(nudgeLevel(entered, limit, after(48 * HOUR + 1))).toBe(1);
    expect(nudgeLevel(entered, limit, after(96 * HOUR))).toBe(1);
  });

  it('is 2 (escalate to managers) past twice the limit', () => {
    expect(ESCALATION_FACTOR).toBe(2);
    expect(nudgeLevel(entered, limit, after(96 * HOUR + 1))).toBe(2);
    expect(nudgeLevel(entered, limit, after(1000 * HOUR))).toBe(2);
  });

  it('is 0 without a limit, or with a limit that is not positive', () => {
    expect(nudgeLevel(entered, null, after(1000 * HOUR))).toBe(0);
    expect(nudgeLevel(entered, 0, after(1000 * HOUR))).toBe(0);
  });

  it('agrees with health: level 1 or more exactly when the card is stuck', () => {
    for (const hours of [0, 12, 36, 47.99, 48, 48.01, 60, 96, 96.01, 200]) {
      const stuck = health(entered, limit, after(hours * HOUR)).health === 'stuck';
      expect({ hours, nudged: nudgeLevel(entered.toISOString(), limit, after(hours * HOUR)) > 0 }).toEqual({ hours, nudged: stuck });
    }
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0m'],
    [1, '1m'],
    [59, '59m'],
    [60, '1h'],
    [61, '1h 1m'],
    [150, '2h 30m'],
    [1439, '23h 59m'],
    [1440, '1d'],
    [1441, '1d'],
    [1500, '1d 1h'],
    [3 * 1440 + 4 * 60 + 59, '3d 4h'],
    [45 * 1440, '45d'],
  ])('formats %p minutes as %p', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });

  it('rounds fractional minutes down', () => {
    expect(formatDuration(59.9)).toBe('59m');
  });

  it.each([-5, Number.NaN, Number.POSITIVE_INFINITY])('shows %p as 0m rather than a negative or broken duration', (minutes) => {
    expect(formatDuration(minutes)).toBe('0m');
  });
});
