import { useCallback, useEffect, useRef, useState } from 'react';
import { summaryOf, type Card, type CardEvent } from '@relay/shared';
import { cardsApi, type CardPatch } from '../../api/cards';
import { ApiError, errorMessage, isApiError } from '../../api/http';
import { useBoardStore } from '../../realtime/board-store';
import { toast } from '../../ui/toast-store';

export interface CardState {
  card: Card | null;
  events: CardEvent[];
  error: string | null;
  loading: boolean;
  /** Re-reads card and events. */
  refresh(): Promise<void>;
  /** Takes a card from a write's answer: drawer and board both update. */
  accept(card: Card): void;
  /** PATCH with the held version; a conflict loads the current card and rethrows. */
  patch(patch: CardPatch): Promise<Card>;
}

/** The open card, kept fresh: refetched when the board learns of a newer version (someone else's change). */
export function useCard(cardId: string): CardState {
  const [card, setCard] = useState<Card | null>(null);
  const [events, setEvents] = useState<CardEvent[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const boardVersion = useBoardStore((s) => s.data?.cards[cardId]?.version);
  const flash = useBoardStore((s) => s.flashes[cardId]);
  const held = useRef<Card | null>(null);
  held.current = card;

  const refresh = useCallback(async () => {
    try {
      const [c, ev] = await Promise.all([cardsApi.get(cardId), cardsApi.events(cardId).catch(() => null)]);
      setCard(c);
      if (ev) setEvents(ev);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? 'This card does not exist (any more).' : errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [cardId]);

  useEffect(() => {
    setLoading(true);
    setCard(null);
    setEvents([]);
    void refresh();
  }, [refresh]);

  // Someone else changed the card (a newer version, or a comment): re-read it.
  useEffect(() => {
    const c = held.current;
    if (c && ((boardVersion !== undefined && boardVersion > c.version) || flash)) void refresh();
  }, [boardVersion, flash, refresh]);

  // An admin changed lanes or checklists (the board refetched them): this card's checklists may read differently now.
  const lanes = useBoardStore((s) => s.data?.lanes);
  useEffect(() => {
    if (held.current && lanes) void refresh();
  }, [lanes, refresh]);

  const accept = useCallback(
    (next: Card) => {
      setCard((prev) => (prev && prev.version > next.version ? prev : next));
      useBoardStore.getState().putCard(summaryOf(next));
      void cardsApi.events(cardId).then(setEvents, () => undefined);
    },
    [cardId],
  );

  const patch = useCallback(
    async (p: CardPatch) => {
      const c = held.current;
      if (!c) throw new Error('The card is not loaded');
      try {
        const next = await cardsApi.patch(c.id, c.version, p);
        accept(next);
        return next;
      } catch (err) {
        if (isApiError(err) && err.code === 'VERSION_CONFLICT' && err.details) {
          accept(err.details.card);
          toast.error('Someone changed this card meanwhile. You now see their version; a field being typed in keeps your text to retry.');
        }
        throw err;
      }
    },
    [accept],
  );

  return { card, events, error, loading, refresh, accept, patch };
}
