import { useSyncExternalStore } from 'react';

/** The app's routing is its query string (`?card=…&view=manager&stuck=1`): shareable, and back works. */
const CHANGE = 'relay:urlchange';

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(CHANGE, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(CHANGE, cb);
  };
}

const snapshot = () => window.location.search;

/** The current query string, re-rendering on change. */
export function useSearch(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, snapshot, snapshot);
  return new URLSearchParams(search);
}

/** Sets (or with null/'' removes) query parameters; `push` adds a history entry. */
export function setParams(changes: Record<string, string | null>, push = false): void {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') params.delete(k);
    else params.set(k, v);
  }
  const qs = params.toString();
  const url = `${window.location.pathname}${qs ? `?${qs}` : ''}${window.location.hash}`;
  if (push) window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
  window.dispatchEvent(new Event(CHANGE));
}

export function openCard(cardId: string): void {
  setParams({ card: cardId }, true);
}

export function closeCard(): void {
  setParams({ card: null }, true);
}

/** The page's address with these parameter changes applied (null/'' removes), for a real link's href. */
export function hrefWith(changes: Record<string, string | null>): string {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') params.delete(k);
    else params.set(k, v);
  }
  const qs = params.toString();
  return `${window.location.pathname}${qs ? `?${qs}` : ''}`;
}

/** A link's click handler that stays in the app (a history entry); a modified click opens a tab as usual. */
export function followLink(changes: Record<string, string | null>) {
  return (e: { preventDefault(): void; button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean }) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    setParams(changes, true);
  };
}
