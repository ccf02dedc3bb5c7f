import type { BoardEvent, BoardResponse } from '@relay/shared';
import { api } from './http';

export function fetchBoard(signal?: AbortSignal): Promise<BoardResponse> {
  return api.get<BoardResponse>('/api/board', { signal });
}

/** Board events after `seq`, in order. Rejects with status 410 when the server no longer holds them. */
export function fetchBoardEvents(after: number): Promise<BoardEvent[]> {
  return api.get<BoardEvent[]>(`/api/board/events?after=${encodeURIComponent(String(after))}`);
}
