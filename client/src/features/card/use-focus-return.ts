import { useEffect } from 'react';

/**
 * When the drawer closes, focus returns to the control that opened it — or, when that is gone (the tile
 * was re-rendered in another lane), to the card's tile — instead of dropping to the page's body.
 */
export function useFocusReturn(cardId: string): void {
  useEffect(() => {
    const opener =
      document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    return () => {
      // After the drawer has left the page (the tile may re-render meanwhile).
      setTimeout(() => {
        if (document.activeElement && document.activeElement !== document.body && document.activeElement.isConnected) return;
        const target = opener?.isConnected ? opener : document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(cardId)}"]`);
        target?.focus();
      }, 0);
    };
  }, [cardId]);
}
