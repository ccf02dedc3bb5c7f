import { useEffect } from 'react';

/** "Board · Relay": the window's title names the view (screen readers read it first, tabs show it). */
export function useDocumentTitle(view: string): void {
  useEffect(() => {
    document.title = `${view} · Relay`;
  }, [view]);
}
