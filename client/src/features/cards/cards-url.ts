import { CARD_LIST_PARAM_NAMES, cardListParams, type CardListQuery } from '@relay/shared';

/**
 * The URL changes that show the Cards view with exactly this list query: every list parameter is set or
 * removed (shared cardListParams leaves defaults out), the page's other parameters (`card`) stay.
 */
export function cardsViewParams(query: Partial<CardListQuery>): Record<string, string | null> {
  const out: Record<string, string | null> = { view: 'cards' };
  for (const name of CARD_LIST_PARAM_NAMES) out[name] = null;
  return { ...out, ...cardListParams(query) };
}

/** Done's link to the cards that have left the board: the closed ones, newest first. */
export const OLDER_CLOSED_QUERY: Partial<CardListQuery> = { status: 'closed', sort: '-closed' };
