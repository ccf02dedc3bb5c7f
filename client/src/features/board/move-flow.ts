import { UNDO_OFFER_MS, summaryOf, type Card, type CardEvent, type Lane, type MissingItem } from '@relay/shared';
import { create } from 'zustand';
import { cardsApi } from '../../api/cards';
import { errorMessage, isApiError } from '../../api/http';
import { useBoardStore } from '../../realtime/board-store';
import { toast } from '../../ui/toast-store';
import { missingCount, optimisticMove, rollbackMove } from './utils/drag-rules';

export interface Refusal {
  cardId: string;
  toLaneId: string;
  missing: MissingItem[];
}

export interface Conflict {
  card: Card;
  /** The latest event on the card: who changed it and how (undefined while loading). */
  lastEvent: CardEvent | null | undefined;
}

export type MoveOutcome = 'moved' | 'incomplete' | 'conflict' | 'failed';

interface MoveFlowStore {
  refusal: Refusal | null;
  /** A send-back waiting for its reason: to a lane already chosen (a drop), or `toLaneId: null` (to choose). */
  pendingBack: { cardId: string; toLaneId: string | null } | null;
  conflict: Conflict | null;
  attemptMove(cardId: string, toLaneId: string, reason?: string, undo?: boolean): Promise<MoveOutcome>;
  askReason(cardId: string, toLaneId: string | null): void;
  /** Takes the person's own forward move back (API.md, move: no reason within the undo window). */
  undoMove(cardId: string, toLaneId: string): Promise<MoveOutcome>;
  /** An item of the refusal got a value: drop it from the list. */
  itemFilled(itemId: string): void;
  closeRefusal(): void;
  closeBack(): void;
  closeConflict(): void;
}

async function lastEventOf(cardId: string): Promise<CardEvent | null> {
  try {
    const events = await cardsApi.events(cardId);
    return events.at(-1) ?? null;
  } catch {
    return null;
  }
}

/**
 * Moving a card: optimistic update, the write with a request id (its socket echo is then ours),
 * and on refusal the snapshot restored and the reason surfaced — the missing items panel,
 * the conflict dialog, or a toast.
 */
export const useMoveFlow = create<MoveFlowStore>()((set, get) => ({
  refusal: null,
  pendingBack: null,
  conflict: null,
  attemptMove: async (cardId, toLaneId, reason, undo = false) => {
    const board = useBoardStore.getState();
    const data = board.data;
    const snapshot = data?.cards[cardId];
    const toLane = data?.lanes.find((l) => l.id === toLaneId);
    if (!data || !snapshot || !toLane) return 'failed';
    const laneCards = Object.values(data.cards).filter((c) => c.laneId === toLaneId);
    const nowIso = new Date(Date.now() + board.clockOffsetMs).toISOString();
    const fromLane = data.lanes.find((l) => l.id === snapshot.laneId);
    const forward = !!fromLane && toLane.position > fromLane.position;
    // An incomplete card is not shown in the next lane only to snap back: it stays while the server answers.
    if (!(forward && missingCount(snapshot) > 0)) board.forceCard(optimisticMove(snapshot, toLane, laneCards, nowIso));
    try {
      // Its request id (assigned and remembered by the HTTP client) makes the socket echo ours.
      const card = await cardsApi.move(cardId, { toLane: toLane.key, version: snapshot.version, ...(reason ? { reason } : {}) });
      useBoardStore.getState().putCard(summaryOf(card));
      if (get().refusal?.cardId === cardId) set({ refusal: null });
      if (!undo && forward && fromLane) announceForward(snapshot.title, cardId, fromLane, toLane);
      return 'moved';
    } catch (err) {
      const restore = rollbackMove(useBoardStore.getState().data?.cards[cardId], snapshot);
      if (restore) useBoardStore.getState().forceCard(restore);
      if (undo && isApiError(err) && (err.code === 'INVALID_TRANSITION' || err.status === 403)) {
        toast.error('The move can no longer be undone: the card changed or the time ran out. Send it back with a reason instead.');
        return 'failed';
      }
      return handleMoveError(err, cardId, toLaneId, set, get);
    }
  },
  askReason: (cardId, toLaneId) => set({ pendingBack: { cardId, toLaneId } }),
  undoMove: async (cardId, toLaneId) => {
    const outcome = await get().attemptMove(cardId, toLaneId, undefined, true);
    const lane = useBoardStore.getState().data?.lanes.find((l) => l.id === toLaneId);
    if (outcome === 'moved') toast.success(`Move undone: back in ${lane?.name ?? 'its lane'}`);
    return outcome;
  },
  itemFilled: (itemId) => {
    const r = get().refusal;
    if (r) set({ refusal: { ...r, missing: r.missing.filter((m) => m.itemId !== itemId) } });
  },
  closeRefusal: () => set({ refusal: null }),
  closeBack: () => set({ pendingBack: null }),
  closeConflict: () => set({ conflict: null }),
}));

/**
 * "Moved to …" after a forward move, with "Undo" for UNDO_OFFER_MS — not into the closing lane, which the
 * server never lets a card leave.
 */
function announceForward(title: string, cardId: string, from: Lane, to: Lane): void {
  const text = `${title} moved to ${to.name}`;
  if (to.terminal) {
    toast.success(text);
    return;
  }
  toast.withAction(
    text,
    { label: 'Undo', name: `Undo moving ${title} to ${to.name}`, run: () => void useMoveFlow.getState().undoMove(cardId, from.id) },
    UNDO_OFFER_MS,
  );
}

async function handleMoveError(
  err: unknown,
  cardId: string,
  toLaneId: string,
  set: (s: Partial<MoveFlowStore>) => void,
  get: () => MoveFlowStore,
): Promise<MoveOutcome> {
  if (!isApiError(err)) {
    toast.error(errorMessage(err));
    return 'failed';
  }
  if (err.code === 'CHECKLIST_INCOMPLETE') {
    set({ refusal: { cardId, toLaneId, missing: err.details.missing } });
    return 'incomplete';
  }
  if (err.code === 'VERSION_CONFLICT' && err.details) {
    const card = err.details.card;
    useBoardStore.getState().putCard(summaryOf(card));
    set({ conflict: { card, lastEvent: undefined }, refusal: null });
    const lastEvent = await lastEventOf(card.id);
    if (get().conflict?.card === card) set({ conflict: { card, lastEvent } });
    return 'conflict';
  }
  toast.error(err.message);
  return 'failed';
}
