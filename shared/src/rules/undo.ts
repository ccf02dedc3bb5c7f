import type { CardEventType } from '../domain.js';

/** How long after a forward move its mover may take it back without a reason (API.md, move). */
export const UNDO_WINDOW_MS = 60_000;

/** How long the board offers its "Undo" button after a forward move: well inside the server's window. */
export const UNDO_OFFER_MS = 10_000;

/** A card's latest history line, as far as undo cares. */
export interface UndoableEvent {
  type: CardEventType | string;
  actorId: string | null;
  at: Date | string;
  data: { from?: unknown; to?: unknown; visit?: unknown };
}

/**
 * May `userId` take the card in `currentLane` (lane visit `visit`) back to `toLane` as an undo? Only when the
 * card's latest history line is that person's forward move from `toLane` into this very visit of
 * `currentLane`, less than UNDO_WINDOW_MS ago — nothing else has happened to the card since.
 */
export function canUndoMove(
  last: UndoableEvent | null | undefined,
  p: { userId: string; currentLane: string; toLane: string; visit: number; now: Date },
): boolean {
  if (!last || last.type !== 'moved' || last.actorId !== p.userId) return false;
  if (last.data.from !== p.toLane || last.data.to !== p.currentLane || last.data.visit !== p.visit) return false;
  const age = p.now.getTime() - new Date(last.at).getTime();
  return age >= 0 && age < UNDO_WINDOW_MS;
}
