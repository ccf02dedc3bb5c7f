import { useCallback, useEffect, useRef, useState } from 'react';
import { cardListParams, type CardListItem, type CardListQuery } from '@relay/shared';
import { cardListApi } from '../../api/card-list';
import { errorMessage } from '../../api/http';

export interface CardList {
  items: CardListItem[];
  /** Null once the last page is in. */
  nextCursor: string | null;
  /** `loading`: the first page of this query is on its way (what is shown belongs to the previous one). */
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  loadingMore: boolean;
  /** Fetches the next page and appends it; does nothing on the last page or while a page is coming. */
  loadMore(): void;
  /** Reads the first page again (after an error). */
  reload(): void;
}

interface State {
  key: string;
  items: CardListItem[];
  nextCursor: string | null;
  status: CardList['status'];
  error: string | null;
  loadingMore: boolean;
}

/**
 * The Cards list of `query` (its page is ignored): the first page when the filters or sort change, then one
 * page more on each loadMore with the previous answer's `nextCursor`. An answer for an older query is dropped.
 */
export function useCardList(query: CardListQuery): CardList {
  const key = new URLSearchParams(cardListParams(query)).toString();
  const [state, setState] = useState<State>({ key, items: [], nextCursor: null, status: 'loading', error: null, loadingMore: false });
  const queryRef = useRef(query);
  queryRef.current = query;
  const stateRef = useRef(state);
  stateRef.current = state;
  const inFlight = useRef<AbortController | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    inFlight.current?.abort();
    const ctrl = new AbortController();
    inFlight.current = ctrl;
    setState((s) => ({ ...s, key, status: 'loading', error: null, loadingMore: false }));
    cardListApi.page({ ...queryRef.current, cursor: null }, ctrl.signal).then(
      (page) => {
        if (!ctrl.signal.aborted)
          setState({ key, items: page.items, nextCursor: page.nextCursor, status: 'ready', error: null, loadingMore: false });
      },
      (err: unknown) => {
        if (!ctrl.signal.aborted) setState((s) => ({ ...s, key, status: 'error', error: errorMessage(err), loadingMore: false }));
      },
    );
    return () => ctrl.abort();
  }, [key, attempt]);

  const loadMore = useCallback(() => {
    const s = stateRef.current;
    if (s.status !== 'ready' || s.loadingMore || !s.nextCursor) return;
    const ctrl = new AbortController();
    inFlight.current = ctrl;
    const forKey = s.key;
    setState((x) => ({ ...x, loadingMore: true, error: null }));
    cardListApi.page({ ...queryRef.current, cursor: s.nextCursor }, ctrl.signal).then(
      (page) => {
        if (ctrl.signal.aborted) return;
        setState((x) =>
          x.key !== forKey ? x : { ...x, items: appendNew(x.items, page.items), nextCursor: page.nextCursor, loadingMore: false },
        );
      },
      (err: unknown) => {
        if (!ctrl.signal.aborted) setState((x) => (x.key !== forKey ? x : { ...x, loadingMore: false, error: errorMessage(err) }));
      },
    );
  }, []);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    items: state.items,
    nextCursor: state.nextCursor,
    status: state.status,
    error: state.error,
    loadingMore: state.loadingMore,
    loadMore,
    reload,
  };
}

/** The next page's rows after the ones shown, skipping any already there (a card that moved between pages). */
function appendNew(shown: CardListItem[], page: CardListItem[]): CardListItem[] {
  const seen = new Set(shown.map((i) => i.id));
  return [...shown, ...page.filter((i) => !seen.has(i.id))];
}
