import type { BoardEvent, BoardResponse } from '@relay/shared';
import { api } from './http';

/**
 * The address index.html preloads the board from (the server ignores the query): only a page that opened
 * signed in asks for it, so a page that opened signed out never takes that preload's 401 after signing in.
 */
export const PRELOADED_BOARD_URL = '/api/board?first-load=1';

/** The board; `preloaded`: take the answer index.html started downloading with the page. */
export function fetchBoard(opts: { signal?: AbortSignal; preloaded?: boolean } = {}): Promise<BoardResponse> {
  return api.get<BoardResponse>(opts.preloaded ? PRELOADED_BOARD_URL : '/api/board', { signal: opts.signal });
}

/** Board events after `seq`, in order. Rejects with status 410 when the server no longer holds them. */
export function fetchBoardEvents(after: number): Promise<BoardEvent[]> {
  return api.get<BoardEvent[]>(`/api/board/events?after=${encodeURIComponent(String(after))}`);
}
