import { at, HOUR, MINUTE } from './calendar-fixtures.js';
import { canonicalZoneName, dayAt, forEachTransition, instantAtWall, offsetAt, zoneOf } from './time-zone.js';

const wall = (iso: string) => Date.parse(`${iso}Z`); // a wall-clock reading written as if it were UTC

describe('offsets from Intl', () => {
  it.each([
    ['Europe/London', '2026-01-15T12:00Z', 0],
    ['Europe/London', '2026-07-15T12:00Z', 1],
    ['America/New_York', '2026-01-15T12:00Z', -5],
    ['America/New_York', '2026-07-15T12:00Z', -4],
    ['Asia/Kolkata', '2026-07-15T12:00Z', 5.5],
    ['Asia/Kathmandu', '2026-07-15T12:00Z', 5.75],
    ['Australia/Sydney', '2026-01-15T12:00Z', 11],
    ['UTC', '2026-01-15T12:00Z', 0],
  ])('%s at %s is UTC%+p h', (zone, instant, hours) => {
    expect(offsetAt(zoneOf(zone), Date.parse(instant))).toBe(hours * HOUR);
  });

  it('finds the changes of clock to the millisecond', () => {
    const seen: [string, number, number][] = [];
    forEachTransition(zoneOf('America/New_York'), Date.parse('2026-01-01T00:00Z'), Date.parse('2027-01-01T00:00Z'), (t, before, after) =>
      seen.push([new Date(t).toISOString(), before / HOUR, after / HOUR]),
    );
    expect(seen).toEqual([
      ['2026-03-08T07:00:00.000Z', -5, -4],
      ['2026-11-01T06:00:00.000Z', -4, -5],
    ]);
    const london = zoneOf('Europe/London');
    expect(offsetAt(london, Date.parse('2026-03-29T00:59:59.999Z'))).toBe(0);
    expect(offsetAt(london, Date.parse('2026-03-29T01:00:00.000Z'))).toBe(HOUR);
  });

  it('has no changes in a zone without daylight saving', () => {
    let changes = 0;
    forEachTransition(zoneOf('Asia/Kolkata'), Date.parse('2020-01-01T00:00Z'), Date.parse('2030-01-01T00:00Z'), () => changes++);
    expect(changes).toBe(0);
  });
});

describe('wall clock to instant', () => {
  const london = zoneOf('Europe/London');

  it('reads an ordinary wall time on the offset of the day', () => {
    expect(instantAtWall(london, wall('2026-07-15T09:00'))).toBe(Date.parse('2026-07-15T08:00Z'));
    expect(instantAtWall(zoneOf('Asia/Kolkata'), wall('2026-07-15T09:30'))).toBe(Date.parse('2026-07-15T04:00Z'));
  });

  it('maps a time skipped when clocks go forward to the moment of the change', () => {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST; 01:30 never shows.
    expect(instantAtWall(london, wall('2026-03-29T01:30'))).toBe(Date.parse('2026-03-29T01:00Z'));
    expect(instantAtWall(london, wall('2026-03-29T02:00'))).toBe(Date.parse('2026-03-29T01:00Z'));
    expect(instantAtWall(london, wall('2026-03-29T02:30'))).toBe(Date.parse('2026-03-29T01:30Z'));
  });

  it('takes the first of a time repeated when clocks go back', () => {
    // 25 October 2026: 02:00 BST becomes 01:00 GMT; 01:30 shows twice.
    expect(instantAtWall(london, wall('2026-10-25T01:30'))).toBe(Date.parse('2026-10-25T00:30Z'));
    expect(instantAtWall(london, wall('2026-10-25T02:00'))).toBe(Date.parse('2026-10-25T02:00Z'));
  });

  it('is never decreasing, minute by minute through both changes', () => {
    for (const day of ['2026-03-29', '2026-10-25']) {
      let previous = -Infinity;
      for (let m = 0; m < 24 * 60; m++) {
        const t = instantAtWall(london, wall(`${day}T00:00`) + m * MINUTE);
        expect(t).toBeGreaterThanOrEqual(previous);
        previous = t;
      }
    }
  });

  it('gives the wall date of an instant', () => {
    expect(dayAt(london, Date.parse('2026-07-15T23:30Z'))).toBe(wall('2026-07-16T00:00') / 86_400_000);
    expect(dayAt(zoneOf('America/New_York'), at('2026-07-16T01:30Z').getTime())).toBe(wall('2026-07-15T00:00') / 86_400_000);
  });
});

describe('canonicalZoneName', () => {
  it('spells a known zone the platform way and refuses an unknown one', () => {
    expect(canonicalZoneName('europe/london')).toBe('Europe/London');
    expect(canonicalZoneName('Mars/Olympus_Mons')).toBeNull();
  });
});
