import { POSITION_GAP } from '@relay/shared';
import { arrivalPosition } from './card-mapper.js';

describe('arrivalPosition (no database)', () => {
  const a = '3f2c9d7e-1b4a-4c6d-9e8f-0a1b2c3d4e5f';
  const b = 'c0ffee00-1b4a-4c6d-9e8f-0a1b2c3d4e5f';

  it('goes one gap after the lane’s last card (shared positionBetween), less than one more by the card’s id', () => {
    for (const tail of [null, 0, 2048, 3073.25]) {
      for (const id of [a, b, 'ffffffff-ffff-4fff-bfff-ffffffffffff']) {
        const p = arrivalPosition(tail, id) - (tail ?? 0);
        expect(p).toBeGreaterThanOrEqual(POSITION_GAP);
        expect(p).toBeLessThan(POSITION_GAP + 1);
      }
    }
  });

  it('tells two cards arriving after the same card apart, in millionths (short on the wire)', () => {
    expect(arrivalPosition(2048, a)).not.toBe(arrivalPosition(2048, b));
    expect(String(arrivalPosition(2048, a))).toMatch(/^\d+\.\d{1,6}$/);
    expect(arrivalPosition(2048, a)).toBe(arrivalPosition(2048, a));
  });
});
