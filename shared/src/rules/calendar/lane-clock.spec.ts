import { health, nudgeLevel } from '../health.js';
import type { BusinessCalendar } from './business-calendar.js';
import { at, calendar, DAY, HOUR, MINUTE, pick, random } from './calendar-fixtures.js';
import { isHeld, workingMsExcludingHolds, type HoldSpan } from './holds.js';
import { dueMoments, laneHealth, laneNudgeLevel, type LaneVisit } from './lane-clock.js';

const london = calendar();

describe('laneHealth and laneNudgeLevel without a calendar or holds', () => {
  it("agree with today's health and nudgeLevel on random moments", () => {
    const next = random(1);
    for (let i = 0; i < 2000; i++) {
      const enteredAt = new Date(Date.parse('2026-01-01T00:00Z') + Math.floor(next() * 365 * DAY));
      const limitHours = pick(next, [null, 0, -1, 0.5, 1 / 3, 8, 24, 48, 72.25]);
      const now = enteredAt.getTime() + Math.floor((next() - 0.1) * 8 * DAY);
      expect(laneHealth(null, { enteredAt, limitHours }, now)).toEqual(health(enteredAt, limitHours, now));
      expect(laneNudgeLevel(null, { enteredAt, limitHours }, now)).toBe(nudgeLevel(enteredAt, limitHours, now));
    }
  });
});

describe('with a Mon–Fri 09:00–17:00 calendar', () => {
  /** Health at each moment, in order. */
  const healths = (visit: LaneVisit, moments: string[]) => moments.map((now) => laneHealth(london, visit, at(now)).health);

  it('leaves a Friday 16:00 arrival with a 2-day (16 working hours) limit ok on Monday morning, stuck just after Tuesday 16:00', () => {
    const visit = { enteredAt: at('2026-03-06T16:00Z'), limitHours: 16 };
    expect(health(visit.enteredAt, 16, at('2026-03-09T09:30Z')).health).toBe('stuck'); // the round-the-clock reading
    const moments = ['2026-03-09T09:30Z', '2026-03-10T16:00Z', '2026-03-10T16:00:00.001Z'];
    expect(healths(visit, moments)).toEqual(['ok', 'at_risk', 'stuck']);
    expect(dueMoments(london, visit).stuck).toEqual(at('2026-03-10T16:00Z'));
  });

  it('leaves a Friday-evening arrival at risk but not stuck through Tuesday, stuck from Wednesday 09:00', () => {
    const visit = { enteredAt: at('2026-03-06T18:00Z'), limitHours: 16 };
    expect(health(visit.enteredAt, 16, at('2026-03-09T09:30Z'))).toEqual({ health: 'stuck', overdueMinutes: 47 * 60 + 30 }); // 63.5 h since Friday 18:00
    const moments = ['2026-03-09T09:30Z', '2026-03-10T17:00Z', '2026-03-11T09:00Z', '2026-03-11T09:00:00.001Z'];
    expect(healths(visit, moments)).toEqual(['ok', 'at_risk', 'at_risk', 'stuck']);
    expect(laneHealth(london, visit, at('2026-03-11T10:30Z'))).toEqual({ health: 'stuck', overdueMinutes: 90 });
    expect(dueMoments(london, visit)).toEqual({
      atRisk: at('2026-03-10T13:00Z'),
      stuck: at('2026-03-11T09:00Z'),
      escalate: at('2026-03-13T09:00Z'),
    });
  });

  it('counts overdue minutes in working minutes: a night does not add to them', () => {
    const visit = { enteredAt: at('2026-03-09T09:00Z'), limitHours: 8 };
    expect(laneHealth(london, visit, at('2026-03-10T10:00Z'))).toEqual({ health: 'stuck', overdueMinutes: 60 });
    expect(laneNudgeLevel(london, visit, at('2026-03-10T10:00Z'))).toBe(1);
    expect(laneNudgeLevel(london, visit, at('2026-03-11T09:00:00.001Z'))).toBe(2);
  });

  it('keeps a held card ok and un-nudged past its limit, and after release makes it stuck only when its working time runs out', () => {
    const enteredAt = at('2026-03-09T09:00Z');
    const heldFrom = at('2026-03-09T13:00Z');
    const open: LaneVisit = { enteredAt, limitHours: 16, holds: [{ from: heldFrom, to: null, waitingOn: 'customer' }] };
    for (const now of ['2026-03-10T16:00Z', '2026-03-13T12:00Z', '2026-04-30T12:00Z']) {
      expect(laneHealth(london, open, at(now))).toEqual({ health: 'ok', overdueMinutes: 0 });
      expect(laneNudgeLevel(london, open, at(now))).toBe(0);
    }
    expect(dueMoments(london, open)).toEqual({ atRisk: null, stuck: null, escalate: null });

    // Released the next Monday at 09:00: 4 h had run, 12 h are left (Monday, then Tuesday to 13:00).
    const released: LaneVisit = { ...open, holds: [{ from: heldFrom, to: at('2026-03-16T09:00Z'), waitingOn: 'customer' }] };
    const moments = ['2026-03-16T09:00Z', '2026-03-17T09:00Z', '2026-03-17T09:00:00.001Z', '2026-03-17T13:00Z'];
    expect(healths(released, moments)).toEqual(['ok', 'ok', 'at_risk', 'at_risk']);
    expect(laneHealth(london, released, at('2026-03-17T13:01Z'))).toEqual({ health: 'stuck', overdueMinutes: 1 });
    expect(dueMoments(london, released)).toEqual({
      atRisk: at('2026-03-17T09:00Z'),
      stuck: at('2026-03-17T13:00Z'),
      escalate: at('2026-03-19T13:00Z'),
    });
  });

  it('has no due moments without a limit', () => {
    expect(dueMoments(london, { enteredAt: at('2026-03-09T09:00Z'), limitHours: null })).toEqual({
      atRisk: null,
      stuck: null,
      escalate: null,
    });
    expect(dueMoments(null, { enteredAt: at('2026-03-09T09:00Z'), limitHours: 0 })).toEqual({ atRisk: null, stuck: null, escalate: null });
  });

  it('takes other thresholds', () => {
    const visit = { enteredAt: at('2026-03-09T09:00Z'), limitHours: 8 };
    expect(dueMoments(london, visit, { atRisk: 0.5, stuck: 1, escalate: 3 })).toEqual({
      atRisk: at('2026-03-09T13:00Z'),
      stuck: at('2026-03-10T09:00Z'),
      escalate: at('2026-03-12T09:00Z'),
    });
  });
});

describe('dueMoments agree with laneHealth and laneNudgeLevel by construction', () => {
  const next = random(5);
  const calendars: (BusinessCalendar | null)[] = [
    null,
    london,
    calendar({ timezone: 'America/New_York', holidays: ['2026-03-09', '2026-11-02'] }),
    calendar({ timezone: 'Asia/Kolkata', workingDays: [1, 2, 3, 4, 5, 6], start: '09:30', end: '18:00' }),
    calendar({ timezone: 'Australia/Sydney', workingDays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }),
  ];

  function randomVisit(): { cal: BusinessCalendar | null; visit: LaneVisit } {
    const cal = pick(next, calendars);
    const enteredAt = Date.parse('2026-02-20T00:00Z') + Math.floor(next() * 300 * DAY);
    const holds: HoldSpan[] = [];
    let t = enteredAt;
    for (let n = Math.floor(next() * 4); n > 0; n--) {
      const from = t + Math.floor(next() * 4 * DAY);
      t = from + Math.floor(next() * 5 * DAY);
      holds.push({ from, to: t, waitingOn: next() < 0.5 ? 'customer' : 'third_party' });
    }
    return { cal, visit: { enteredAt, limitHours: pick(next, [0.5, 1 / 3, 7.5, 16, 40, 100]), holds } };
  }

  it('for many random visits and moments, including the due moments themselves and a millisecond either side', () => {
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      const { cal, visit } = randomVisit();
      const due = dueMoments(cal, visit);
      const moments = [due.atRisk!, due.stuck!, due.escalate!].flatMap((d) => [d.getTime() - 1, d.getTime(), d.getTime() + 1]);
      for (let k = 0; k < 6; k++) moments.push(Number(visit.enteredAt) + Math.floor(next() * 40 * DAY));
      for (const now of moments) {
        if (isHeld(visit.holds!, now)) continue;
        const h = laneHealth(cal, visit, now);
        const expected = {
          stuck: now > due.stuck!.getTime(),
          atRisk: now > due.atRisk!.getTime(),
          escalate: now > due.escalate!.getTime(),
        };
        const actual = { stuck: h.health === 'stuck', atRisk: h.health !== 'ok', escalate: laneNudgeLevel(cal, visit, now) === 2 };
        expect({ i, now, ...actual }).toEqual({ i, now, ...expected });
        if (h.health === 'stuck') {
          const clock = workingMsExcludingHolds(cal, visit.enteredAt, now, visit.holds!);
          expect(h.overdueMinutes).toBe(Math.floor((clock - visit.limitHours! * HOUR) / MINUTE));
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(4000);
  });
});
