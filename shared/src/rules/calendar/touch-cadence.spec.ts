import { at, DAY, HOUR } from './calendar-fixtures.js';
import { TOUCH_CADENCE_DEFAULT_DAYS, touchCadenceProblem, touchDueAt, touchOverdueDays } from './touch-cadence.js';

describe('touchOverdueDays', () => {
  const lastTouch = at('2026-03-02T10:00Z');
  const after = (ms: number) => new Date(lastTouch.getTime() + ms);

  it('is null until the cadence has passed, then the days overdue rounded up', () => {
    expect(TOUCH_CADENCE_DEFAULT_DAYS).toBe(7);
    expect(touchOverdueDays(lastTouch, 7, after(6 * DAY))).toBeNull();
    expect(touchOverdueDays(lastTouch, 7, after(7 * DAY))).toBeNull();
    expect(touchOverdueDays(lastTouch, 7, after(7 * DAY + 1))).toBe(1);
    expect(touchOverdueDays(lastTouch, 7, after(10 * DAY))).toBe(3);
    expect(touchOverdueDays(lastTouch, 7, after(10 * DAY + HOUR))).toBe(4);
  });

  it('is null with the cadence off, and takes ISO strings', () => {
    expect(touchOverdueDays(lastTouch, null, after(400 * DAY))).toBeNull();
    expect(touchOverdueDays('2026-03-02T10:00:00Z', 1, '2026-03-04T10:00:00Z')).toBe(1);
  });

  it('is overdue exactly after touchDueAt', () => {
    const due = touchDueAt(lastTouch, 3)!;
    expect(due).toEqual(after(3 * DAY));
    expect(touchOverdueDays(lastTouch, 3, due)).toBeNull();
    expect(touchOverdueDays(lastTouch, 3, due.getTime() + 1)).toBe(1);
    expect(touchDueAt(lastTouch, null)).toBeNull();
  });
});

describe('touchCadenceProblem', () => {
  it.each([1, 7, 365, null])('accepts %p', (value) => {
    expect(touchCadenceProblem(value)).toBeNull();
  });

  it.each([0, 366, 1.5, '7', undefined])('refuses %p, naming the field', (value) => {
    expect(touchCadenceProblem(value)).toEqual({ field: 'touchCadenceDays', message: expect.stringContaining('1 to 365') });
  });
});
