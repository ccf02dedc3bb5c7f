import { DEFAULT_CARD_LIST_QUERY, parseCardListQuery } from '@relay/shared';
import { setParams } from '../../utils/url-state';
import { cardsViewParams, OLDER_CLOSED_QUERY } from './cards-url';

describe('the Cards view in the URL', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('round-trips a query through the address, keeping the page’s other parameters', () => {
    window.history.replaceState(null, '', '/?card=c1&dept=1');
    const query = {
      ...DEFAULT_CARD_LIST_QUERY,
      q: 'Zoë',
      status: 'open' as const,
      segment: 'light',
      health: 'at_risk' as const,
      sort: 'health' as const,
    };
    setParams(cardsViewParams(query));
    const params = new URLSearchParams(window.location.search);
    expect(parseCardListQuery(params)).toEqual({ query, errors: [] });
    expect(params.get('view')).toBe('cards');
    expect(params.get('card')).toBe('c1');
  });

  it('clears list parameters the new query does not set (Done’s link from a filtered list)', () => {
    window.history.replaceState(null, '', '/?view=cards&lane=sales&health=stuck&q=x&cursor=abc');
    setParams(cardsViewParams(OLDER_CLOSED_QUERY));
    expect(window.location.search).toBe('?view=cards&status=closed&sort=-closed');
  });
});
