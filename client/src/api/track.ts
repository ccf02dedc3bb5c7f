import type { ItemValue, ShareCreated, ShareInfo, TrackView } from '@relay/shared';
import { api } from './http';
import { postMultipart } from './upload';

const share = (cardId: string) => `/api/cards/${encodeURIComponent(cardId)}/share`;
const track = (token: string) => `/api/track/${encodeURIComponent(token)}`;

/** The card's link for its customer (staff). */
export const shareApi = {
  info: (cardId: string, signal?: AbortSignal) => api.get<ShareInfo>(share(cardId), { signal }),
  create: (cardId: string, input: { expiresInDays: number; email: boolean }) => api.post<ShareCreated>(share(cardId), input),
  revoke: (cardId: string) => api.del<void>(share(cardId)),
};

/** The customer's tracker page: the token is the only key. */
export const trackApi = {
  /** `refresh`: the open page fetching again (not counted as a visit). */
  view: (token: string, refresh = false) => api.get<TrackView>(refresh ? `${track(token)}?refresh=1` : track(token)),
  answer: (token: string, itemId: string, value: ItemValue) =>
    api.put<TrackView>(`${track(token)}/requests/${encodeURIComponent(itemId)}`, { value }),
  upload: (token: string, itemId: string, file: File, onProgress?: (fraction: number) => void) => {
    const form = new FormData();
    form.append('file', file);
    return postMultipart<TrackView>(`${track(token)}/requests/${encodeURIComponent(itemId)}/file`, form, { onProgress });
  },
};
