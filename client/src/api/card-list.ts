import { cardListParams, type CardListQuery, type CardListResponse, type Settings, type SettingsPatch } from '@relay/shared';
import { api } from './http';

const withQuery = (path: string, params: Record<string, string>) => {
  const qs = new URLSearchParams(params).toString();
  return qs ? `${path}?${qs}` : path;
};

/** `GET /api/cards` and its CSV twin: the list query is written by the shared rule, as the server reads it. */
export const cardListApi = {
  /** One page: the filters and sort of `query`, from its `cursor`. */
  page: (query: CardListQuery, signal?: AbortSignal) =>
    api.get<CardListResponse>(withQuery('/api/cards', cardListParams(query, { paging: true })), { signal }),
  /** The export's address: exactly the list's filters and order, without the page. */
  exportHref: (query: Partial<CardListQuery>) => withQuery('/api/cards/export.csv', cardListParams(query)),
};

export const settingsApi = {
  get: (signal?: AbortSignal) => api.get<Settings>('/api/settings', { signal }),
  patch: (patch: SettingsPatch) => api.patch<Settings>('/api/settings', patch),
};
