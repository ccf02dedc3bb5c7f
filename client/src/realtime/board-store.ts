import type { BoardEvent, CardSummary } from '@relay/shared';
import { useCallback } from 'react';
import { create } from 'zustand';
import { departmentName } from '../utils/card-summary';
import { upsertCard, type BoardData } from './board-state';
import { ownWrites } from '../api/own-writes';
import { estimateClockOffset } from '../utils/time';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

interface BoardStore {
  status: LoadStatus;
  error: string | null;
  data: BoardData | null;
  /** Bumped when someone else changes a card, to flash it. */
  flashes: Record<string, number>;
  connection: ConnectionState;
  /** Pipeline clock minus browser clock, in ms (non-zero under the test clock). */
  clockOffsetMs: number;
  setStatus(status: LoadStatus, error?: string | null): void;
  /** Stores synced board data; events not caused by this tab flash their card. */
  receive(data: BoardData, applied: BoardEvent[]): void;
  /** Puts a card summary from a REST answer (never older than what is held). */
  putCard(card: CardSummary): void;
  /** Replaces a card summary regardless of version: optimistic changes and their rollback. */
  forceCard(card: CardSummary): void;
  setConnection(state: ConnectionState): void;
  reset(): void;
}

export const useBoardStore = create<BoardStore>()((set, get) => ({
  status: 'idle',
  error: null,
  data: null,
  flashes: {},
  connection: 'connecting',
  clockOffsetMs: 0,
  setStatus: (status, error = null) => set({ status, error }),
  receive: (data, applied) => {
    const { flashes } = get();
    let nextFlashes = flashes;
    let offset = get().clockOffsetMs;
    for (const e of applied) {
      const own = ownWrites.has(e.requestId);
      const cardId = 'card' in e ? e.card.id : 'cardId' in e ? e.cardId : null;
      if (!own && cardId) nextFlashes = { ...nextFlashes, [cardId]: (nextFlashes[cardId] ?? 0) + 1 };
      const at = Date.parse(e.at);
      if (!Number.isNaN(at)) offset = Math.max(offset, at - Date.now());
    }
    if (applied.length === 0) {
      const serverNow = data.serverNow ? Date.parse(data.serverNow) : NaN;
      offset = Number.isNaN(serverNow)
        ? Math.max(offset, estimateClockOffset(Object.values(data.cards), data.lanes, Date.now()))
        : serverNow - Date.now();
    }
    // serverNow is read once, with the board it came with; later updates must not reuse it.
    set({ data: { ...data, serverNow: undefined }, flashes: nextFlashes, status: 'ready', error: null, clockOffsetMs: offset });
  },
  putCard: (card) => {
    const data = get().data;
    if (!data) return;
    const cards = upsertCard(data.cards, card);
    if (cards !== data.cards) set({ data: { ...data, cards } });
  },
  forceCard: (card) => {
    const data = get().data;
    if (data) set({ data: { ...data, cards: { ...data.cards, [card.id]: card } } });
  },
  setConnection: (connection) => set({ connection }),
  reset: () => set({ status: 'idle', error: null, data: null, flashes: {}, clockOffsetMs: 0 }),
}));

/** Names a department by the board's list (see departmentName), for components. */
export function useDepartmentName(): (key: string | null | undefined) => string {
  const departments = useBoardStore((s) => s.data?.departments);
  return useCallback((key) => departmentName(key, departments), [departments]);
}

/** The board data, for non-React callers (the sync engine). */
export const readBoard = (): BoardData | null => useBoardStore.getState().data;
