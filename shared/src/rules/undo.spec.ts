import { UNDO_WINDOW_MS, canUndoMove, type UndoableEvent } from './undo.js';

const now = new Date('2026-12-08T10:00:00Z');
const moved = (extra: Partial<UndoableEvent> = {}): UndoableEvent => ({
  type: 'moved',
  actorId: 'ann',
  at: new Date(now.getTime() - 5_000).toISOString(),
  data: { from: 'intake', to: 'customer_experience', visit: 3 },
  ...extra,
});
const ask = { userId: 'ann', currentLane: 'customer_experience', toLane: 'intake', visit: 3, now };

describe('canUndoMove', () => {
  it('lets the mover take their own forward move back to where it came from, within the window', () => {
    expect(canUndoMove(moved(), ask)).toBe(true);
    expect(canUndoMove(moved({ at: new Date(now.getTime() - UNDO_WINDOW_MS + 1).toISOString() }), ask)).toBe(true);
  });

  it('refuses anyone else, another lane, a later visit, an expired window, or anything since', () => {
    expect(canUndoMove(moved(), { ...ask, userId: 'bob' })).toBe(false);
    expect(canUndoMove(moved(), { ...ask, toLane: 'sales' })).toBe(false);
    expect(canUndoMove(moved(), { ...ask, visit: 4 })).toBe(false);
    expect(canUndoMove(moved({ at: new Date(now.getTime() - UNDO_WINDOW_MS).toISOString() }), ask)).toBe(false);
    expect(canUndoMove(moved({ type: 'checklist_set' }), ask)).toBe(false);
    expect(canUndoMove(moved({ type: 'sent_back' }), ask)).toBe(false);
    expect(canUndoMove(null, ask)).toBe(false);
  });
});
