import type { Attachment, Card, CardEvent, Comment, ItemValue, LaneKey, LastTouch, NextAction, RiskFlag, SalesForm } from '@relay/shared';
import { api, type RequestOptions } from './http';

const base = (id: string) => `/api/cards/${encodeURIComponent(id)}`;

export type NewCardInput = SalesForm;

export interface CardPatch extends Partial<SalesForm> {
  assigneeId?: string | null;
  riskFlag?: RiskFlag;
  riskReason?: string | null;
  nextAction?: Pick<NextAction, 'text' | 'ownerId' | 'due' | 'customerVisible'> | null;
  lastTouch?: LastTouch | null;
}

export interface MoveInput {
  toLane: LaneKey;
  version: number;
  reason?: string;
}

export const cardsApi = {
  /** `allowDuplicate`: create even when an open card has the same customer (else 409 POSSIBLE_DUPLICATE). */
  create: (input: NewCardInput, opts?: RequestOptions, allowDuplicate = false) =>
    api.post<Card>('/api/cards', allowDuplicate ? { ...input, allowDuplicate: true } : input, opts),
  get: (id: string, signal?: AbortSignal) => api.get<Card>(base(id), { signal }),
  patch: (id: string, version: number, patch: CardPatch, opts?: RequestOptions) => api.patch<Card>(base(id), { version, ...patch }, opts),
  setItem: (id: string, itemId: string, value: ItemValue, opts?: RequestOptions) =>
    api.put<Card>(`${base(id)}/checklist/${encodeURIComponent(itemId)}`, { value }, opts),
  clearItem: (id: string, itemId: string, opts?: RequestOptions) =>
    api.del<Card>(`${base(id)}/checklist/${encodeURIComponent(itemId)}`, opts),
  move: (id: string, input: MoveInput, opts?: RequestOptions) => api.post<Card>(`${base(id)}/move`, input, opts),
  events: (id: string, signal?: AbortSignal) => api.get<CardEvent[]>(`${base(id)}/events`, { signal }),
  comment: (id: string, body: string, opts?: RequestOptions) => api.post<Comment>(`${base(id)}/comments`, { body }, opts),
  remind: (id: string, itemId?: string) => api.post<void>(`${base(id)}/remind`, itemId ? { itemId } : {}),
  pickup: (id: string, opts?: RequestOptions) => api.post<Card>(`${base(id)}/pickup`, undefined, opts),
};

export type { Attachment };
