import { cardListParams, DEFAULT_CARD_LIST_QUERY, parseCardListQuery, sortParts, type CardListQuery } from './card-list-query.js';

describe('the card list query', () => {
  const full: CardListQuery = {
    q: 'müller zür',
    status: 'closed',
    lane: 'go_live',
    segment: 'enterprise',
    health: 'stuck',
    closedFrom: '2025-01-01',
    closedTo: '2025-12-31',
    sort: '-closed',
    cursor: 'abc123',
    limit: 100,
  };

  it('reads back what it writes, paging included', () => {
    const { query, errors } = parseCardListQuery(new URLSearchParams(cardListParams(full, { paging: true })));
    expect(errors).toEqual([]);
    expect(query).toEqual(full);
  });

  it('leaves the page out of a link and the export', () => {
    const params = new URLSearchParams(cardListParams(full));
    expect(params.has('cursor')).toBe(false);
    expect(params.has('limit')).toBe(false);
    expect(params.toString()).toBe(
      'q=m%C3%BCller+z%C3%BCr&status=closed&lane=go_live&segment=enterprise&health=stuck&closedFrom=2025-01-01&closedTo=2025-12-31&sort=-closed',
    );
  });

  it('writes nothing for the defaults and reads nothing as the defaults', () => {
    expect(cardListParams(DEFAULT_CARD_LIST_QUERY, { paging: true })).toEqual({});
    expect(parseCardListQuery(new URLSearchParams())).toEqual({ query: DEFAULT_CARD_LIST_QUERY, errors: [] });
    expect(parseCardListQuery({ q: '', status: '', lane: undefined })).toEqual({ query: DEFAULT_CARD_LIST_QUERY, errors: [] });
  });

  it('ignores parameters it does not know (view, card)', () => {
    expect(parseCardListQuery(new URLSearchParams('view=cards&card=x&status=open')).query.status).toBe('open');
  });

  it('reads an Express-style query object, first value of a repeated one', () => {
    expect(parseCardListQuery({ status: ['closed', 'open'], limit: '20' }).query).toMatchObject({ status: 'closed', limit: 20 });
  });

  it('names each bad parameter and keeps its default', () => {
    const { query, errors } = parseCardListQuery(
      new URLSearchParams('status=gone&lane=Go%20Live&health=red&closedFrom=2025-13-01&sort=price&limit=500&q=' + 'x'.repeat(201)),
    );
    expect(errors.map((e) => e.field)).toEqual(['q', 'status', 'lane', 'health', 'closedFrom', 'sort', 'limit']);
    expect(errors.every((e) => e.message.startsWith(`${e.field} `))).toBe(true);
    expect(query).toEqual(DEFAULT_CARD_LIST_QUERY);
  });

  it('takes a cursor as long as the server writes for a 200-character name of non-ASCII letters, refuses longer', () => {
    const bytes = 2 * 200 + JSON.stringify(['', '0'.repeat(36), 'customer']).length; // UTF-8: 'ж' is 2 bytes
    const cursor = 'x'.repeat(Math.ceil((bytes * 4) / 3)); // the length base64url gives those bytes
    expect(cursor.length).toBeGreaterThan(500);
    expect(parseCardListQuery({ cursor })).toEqual({ query: { ...DEFAULT_CARD_LIST_QUERY, cursor }, errors: [] });
    expect(parseCardListQuery({ cursor: 'x'.repeat(2001) }).errors[0]?.field).toBe('cursor');
  });

  it('refuses a date range that ends before it starts, and limits that are not whole numbers in range', () => {
    expect(parseCardListQuery({ closedFrom: '2025-06-02', closedTo: '2025-06-01' }).errors).toEqual([
      { field: 'closedTo', message: 'closedTo must not be before closedFrom' },
    ]);
    for (const limit of ['0', '1.5', '-3', 'ten', '201']) expect(parseCardListQuery({ limit }).errors[0]?.field).toBe('limit');
    expect(parseCardListQuery({ limit: '200' }).query.limit).toBe(200);
  });

  it('splits a sort into its field and direction', () => {
    expect(sortParts('-closed')).toEqual({ field: 'closed', descending: true });
    expect(sortParts('customer')).toEqual({ field: 'customer', descending: false });
  });
});
