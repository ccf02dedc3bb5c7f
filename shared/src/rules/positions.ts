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

/**
 * Where an entry appended to a list goes: one gap after the largest position, the first gap in an empty list
 * (the server's `COALESCE(max(position), 0) + gap` for a list of positive positions).
 */
export function positionAfter(positions: readonly number[]): number {
  return positions.length === 0 ? POSITION_GAP : Math.max(...positions) + POSITION_GAP;
}

/** The position of the entry at `index` (from 0) of a list numbered afresh: a reorder or a rebalance. */
export function positionAt(index: number): number {
  return (index + 1) * POSITION_GAP;
}
