import { at, calendar, HOUR } from './calendar-fixtures.js';
import { addWorkingMsExcludingHolds, heldMsBetween, holdEndsAt, isHeld, workingMsExcludingHolds, type HoldSpan } from './holds.js';
import { workingMsBetween } from './working-time.js';

const london = calendar();
const hold = (from: string, to: string | null, waitingOn: HoldSpan['waitingOn'] = 'customer'): HoldSpan => ({
  from: at(from),
  to: to === null ? null : at(to),
  waitingOn,
});

describe('time held', () => {
  const entered = at('2026-03-09T09:00Z'); // a Monday, GMT

  it('is the working time inside the holds, split by whom the team waited on', () => {
    const holds = [hold('2026-03-09T13:00Z', '2026-03-10T13:00Z'), hold('2026-03-11T09:00Z', '2026-03-11T11:00Z', 'third_party')];
    expect(heldMsBetween(london, holds, entered, at('2026-03-12T09:00Z'))).toEqual({ customer: 8 * HOUR, third_party: 2 * HOUR });
    expect(workingMsExcludingHolds(london, entered, at('2026-03-12T09:00Z'), holds)).toBe(24 * HOUR - 10 * HOUR);
  });

  it('counts a hold over a weekend by its working time only', () => {
    const holds = [hold('2026-03-13T16:00Z', '2026-03-16T10:00Z')]; // Friday 16:00 to Monday 10:00
    expect(heldMsBetween(london, holds, entered, at('2026-03-17T09:00Z')).customer).toBe(2 * HOUR);
    expect(heldMsBetween(null, holds, entered, at('2026-03-17T09:00Z')).customer).toBe(66 * HOUR);
  });

  it('runs an open hold to the end of the span and ignores what lies outside it', () => {
    const holds = [hold('2026-03-05T09:00Z', '2026-03-09T10:00Z'), hold('2026-03-10T09:00Z', null, 'third_party')];
    expect(heldMsBetween(london, holds, entered, at('2026-03-10T12:00Z'))).toEqual({ customer: HOUR, third_party: 3 * HOUR });
  });

  it('never counts a moment twice when holds overlap: the earlier keeps the shared time', () => {
    const holds = [hold('2026-03-09T12:00Z', '2026-03-09T15:00Z', 'third_party'), hold('2026-03-09T10:00Z', '2026-03-09T13:00Z')];
    expect(heldMsBetween(london, holds, entered, at('2026-03-09T17:00Z'))).toEqual({ customer: 3 * HOUR, third_party: 2 * HOUR });
    expect(workingMsExcludingHolds(london, entered, at('2026-03-09T17:00Z'), holds)).toBe(3 * HOUR);
  });

  it('is nothing without holds: the lane clock is the working time', () => {
    expect(workingMsExcludingHolds(london, entered, at('2026-03-12T09:00Z'), [])).toBe(
      workingMsBetween(london, entered, at('2026-03-12T09:00Z')),
    );
  });
});

describe('isHeld', () => {
  const holds = [hold('2026-03-09T13:00Z', '2026-03-10T13:00Z'), hold('2026-03-11T09:00Z', null)];

  it('is true from the start of a hold until its end, and from an open hold on', () => {
    expect(isHeld(holds, at('2026-03-09T12:59Z'))).toBe(false);
    expect(isHeld(holds, at('2026-03-09T13:00Z'))).toBe(true);
    expect(isHeld(holds, at('2026-03-10T13:00Z'))).toBe(false);
    expect(isHeld(holds, at('2026-03-11T09:00Z'))).toBe(true);
    expect(isHeld(holds, at('2027-01-01T00:00Z'))).toBe(true);
    expect(isHeld([], at('2027-01-01T00:00Z'))).toBe(false);
  });
});

describe('addWorkingMsExcludingHolds', () => {
  const entered = at('2026-03-09T09:00Z');

  it('pushes the moment back by the working time held', () => {
    const holds = [hold('2026-03-09T13:00Z', '2026-03-16T09:00Z')]; // Monday 13:00 to the next Monday 09:00
    // 4 h before the hold, then 8 h on Monday the 16th and 4 h on Tuesday.
    expect(addWorkingMsExcludingHolds(london, entered, 16 * HOUR, holds)).toEqual(at('2026-03-17T13:00Z'));
    expect(addWorkingMsExcludingHolds(london, entered, 3 * HOUR, holds)).toEqual(at('2026-03-09T12:00Z'));
  });

  it('gives the end of a hold when the clock had run its time exactly as the hold began', () => {
    const holds = [hold('2026-03-09T13:00Z', '2026-03-10T10:00Z')];
    expect(addWorkingMsExcludingHolds(london, entered, 4 * HOUR, holds)).toEqual(at('2026-03-10T10:00Z'));
    expect(addWorkingMsExcludingHolds(null, entered, 4 * HOUR, holds)).toEqual(at('2026-03-10T10:00Z'));
  });

  it('is null while a hold is open: nobody knows when the clock runs again', () => {
    expect(addWorkingMsExcludingHolds(london, entered, 16 * HOUR, [hold('2026-03-09T13:00Z', null)])).toBeNull();
  });
});

describe('holdEndsAt', () => {
  it("is the start of the `until` date on the calendar's clock, or in UTC without one", () => {
    expect(holdEndsAt(london, '2026-07-15')).toEqual(at('2026-07-14T23:00Z'));
    expect(holdEndsAt(calendar({ timezone: 'Asia/Kolkata' }), '2026-07-15')).toEqual(at('2026-07-14T18:30Z'));
    expect(holdEndsAt(null, '2026-07-15')).toEqual(at('2026-07-15T00:00Z'));
    expect(holdEndsAt(london, '2026-02-30')).toBeNull();
  });
});
