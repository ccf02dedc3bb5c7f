import { POSITION_GAP, positionAfter, positionAt, positionBetween } from './positions.js';

describe('positionBetween', () => {
  it('gives an empty lane its first position', () => {
    expect(positionBetween(null, null)).toBe(POSITION_GAP);
    expect(positionBetween(undefined, undefined)).toBe(POSITION_GAP);
  });

  it('puts a card at the top one gap above the first card', () => {
    expect(positionBetween(null, 2048)).toBe(2048 - POSITION_GAP);
    expect(positionBetween(undefined, 0)).toBe(-POSITION_GAP);
  });

  it('puts a card at the bottom one gap below the last card', () => {
    expect(positionBetween(3072, null)).toBe(3072 + POSITION_GAP);
    expect(positionBetween(-10, undefined)).toBe(-10 + POSITION_GAP);
  });

  it('puts a card between two neighbours at their midpoint', () => {
    expect(positionBetween(1024, 2048)).toBe(1536);
    expect(positionBetween(-1, 0)).toBe(-0.5);
  });

  it('keeps giving a position strictly between neighbours until the gap is exhausted, then returns null', () => {
    const prev = 1024;
    let next = 2048;
    let inserts = 0;
    for (let mid = positionBetween(prev, next); mid !== null; mid = positionBetween(prev, next)) {
      expect(mid).toBeGreaterThan(prev);
      expect(mid).toBeLessThan(next);
      next = mid;
      inserts++;
    }
    // 1024 halves down to the 1e-6 floor: about 30 inserts before the lane needs rebalancing.
    expect(inserts).toBeGreaterThan(25);
    expect(inserts).toBeLessThan(40);
    expect(next - prev).toBeLessThanOrEqual(2e-6);
  });

  it('returns null when the neighbours are closer than the smallest gap', () => {
    expect(positionBetween(5, 5 + 1e-7)).toBeNull();
  });

  it('returns null for equal neighbours', () => {
    expect(positionBetween(7, 7)).toBeNull();
  });

  it('returns null for neighbours given in the wrong order', () => {
    expect(positionBetween(2048, 1024)).toBeNull();
  });

  it('returns null rather than a duplicate when the midpoint cannot be represented', () => {
    const big = 2 ** 53;
    expect(positionBetween(big, big + 2)).toBeNull();
  });
});

describe('positionAfter', () => {
  it('appends one gap after the largest position, wherever it is in the list', () => {
    expect(positionAfter([2048, 5120, 3072])).toBe(5120 + POSITION_GAP);
    expect(positionAfter([-4096, -2048])).toBe(-2048 + POSITION_GAP);
  });

  it('gives an empty list its first position, the same as positionBetween with no neighbours', () => {
    expect(positionAfter([])).toBe(POSITION_GAP);
    expect(positionAfter([])).toBe(positionBetween(null, null));
  });

  it('agrees with positionBetween after the last entry', () => {
    expect(positionAfter([1024, 1536])).toBe(positionBetween(1536, null));
  });
});

describe('positionAt', () => {
  it('numbers a list afresh one gap apart, from the first gap', () => {
    expect([0, 1, 2].map(positionAt)).toEqual([POSITION_GAP, 2 * POSITION_GAP, 3 * POSITION_GAP]);
  });
});
