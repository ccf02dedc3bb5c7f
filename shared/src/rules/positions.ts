/** Gap between neighbouring card positions when appended or rebalanced. */
export const POSITION_GAP = 1024;

/**
 * A position strictly between two neighbours (either may be absent).
 * Returns null when the gap is exhausted and the lane needs rebalancing.
 */
export function positionBetween(prev: number | null | undefined, next: number | null | undefined): number | null {
  if (prev == null && next == null) return POSITION_GAP;
  if (prev == null) return next! - POSITION_GAP;
  if (next == null) return prev + POSITION_GAP;
  const mid = (prev + next) / 2;
  return mid > prev && mid < next && next - prev > 1e-6 ? mid : null;
}
