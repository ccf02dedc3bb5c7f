import type { Card, CardEvent, MissingItem } from '@relay/shared';
import { create } from 'zustand';
import { cardsApi } from '../../api/cards';
import { ApiError, errorMessage, isRecord } from '../../api/http';
import { useBoardStore } from '../../realtime/board-store';
import { toast } from '../../ui/toast-store';
import { toSummary } from '../../utils/card-summary';
import { newRequestId } from '../../utils/request-id';
import { optimisticMove, rollbackMove } from './utils/drag-rules';

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
  /** A drop on an earlier lane waiting for its reason. */
  pendingBack: { cardId: string; toLaneId: string } | null;
  conflict: Conflict | null;
  attemptMove(cardId: string, toLaneId: string, reason?: string): Promise<MoveOutcome>;
  askReason(cardId: string, toLaneId: string): void;
  /** An item of the refusal got a value: drop it from the list. */
  itemFilled(itemId: string): void;
  closeRefusal(): void;
  closeBack(): void;
  closeConflict(): void;
}

function isMissingList(v: unknown): v is MissingItem[] {
  return Array.isArray(v) && v.every((m) => isRecord(m) && typeof m.itemId === 'string' && typeof m.label === 'string');
}

function isCard(v: unknown): v is Card {
  return isRecord(v) && typeof v.id === 'string' && typeof v.version === 'number' && typeof v.title === 'string';
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
  attemptMove: async (cardId, toLaneId, reason) => {
    const board = useBoardStore.getState();
    const data = board.data;
    const snapshot = data?.cards[cardId];
    const toLane = data?.lanes.find((l) => l.id === toLaneId);
    if (!data || !snapshot || !toLane) return 'failed';
    const laneCards = Object.values(data.cards).filter((c) => c.laneId === toLaneId);
    const nowIso = new Date(Date.now() + board.clockOffsetMs).toISOString();
    board.forceCard(optimisticMove(snapshot, toLane, laneCards, nowIso));
    const requestId = newRequestId();
    board.registerRequest(requestId);
    try {
      const card = await cardsApi.move(
        cardId,
        { toLane: toLane.key, version: snapshot.version, ...(reason ? { reason } : {}) },
        { requestId },
      );
      useBoardStore.getState().putCard(toSummary(card));
      if (get().refusal?.cardId === cardId) set({ refusal: null });
      return 'moved';
    } catch (err) {
      const restore = rollbackMove(useBoardStore.getState().data?.cards[cardId], snapshot);
      if (restore) useBoardStore.getState().forceCard(restore);
      return handleMoveError(err, cardId, toLaneId, set, get);
    }
  },
  askReason: (cardId, toLaneId) => set({ pendingBack: { cardId, toLaneId } }),
  itemFilled: (itemId) => {
    const r = get().refusal;
    if (r) set({ refusal: { ...r, missing: r.missing.filter((m) => m.itemId !== itemId) } });
  },
  closeRefusal: () => set({ refusal: null }),
  closeBack: () => set({ pendingBack: null }),
  closeConflict: () => set({ conflict: null }),
}));

async function handleMoveError(
  err: unknown,
  cardId: string,
  toLaneId: string,
  set: (s: Partial<MoveFlowStore>) => void,
  get: () => MoveFlowStore,
): Promise<MoveOutcome> {
  if (!(err instanceof ApiError)) {
    toast.error(errorMessage(err));
    return 'failed';
  }
  const details = isRecord(err.details) ? err.details : {};
  if (err.code === 'CHECKLIST_INCOMPLETE' && isMissingList(details.missing)) {
    set({ refusal: { cardId, toLaneId, missing: details.missing } });
    return 'incomplete';
  }
  if (err.code === 'VERSION_CONFLICT' && isCard(details.card)) {
    const card = details.card;
    useBoardStore.getState().putCard(toSummary(card));
    set({ conflict: { card, lastEvent: undefined }, refusal: null });
    const lastEvent = await lastEventOf(card.id);
    if (get().conflict?.card === card) set({ conflict: { card, lastEvent } });
    return 'conflict';
  }
  toast.error(err.message);
  return 'failed';
}
