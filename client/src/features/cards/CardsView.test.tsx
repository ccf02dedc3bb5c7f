import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_CARD_LIST_QUERY, parseCardListQuery, type CardListItem, type CardListQuery } from '@relay/shared';
import { makeCard, makeLanes, mockFetch, type FetchCall } from '../../test/fixtures';
import { cardsViewParams } from './cards-url';
import { CardsView } from './CardsView';

const lanes = makeLanes();
const done = lanes.find((l) => l.terminal)!;

function item(name: string, overrides: Partial<CardListItem> = {}): CardListItem {
  return {
    ...makeCard(done, { title: name }),
    customerName: name,
    contactName: `Contact of ${name}`,
    contactEmail: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
    createdAt: '2025-03-01T09:00:00.000Z',
    closedAt: '2025-04-02T09:00:00.000Z',
    ...overrides,
  };
}

/** The list query each `GET /api/cards` asked for. */
const asked = (calls: FetchCall[]) =>
  calls.filter((c) => c.url.startsWith('/api/cards?') || c.url === '/api/cards').map((c) => new URL(c.url, 'http://x').searchParams);

function goTo(search: string) {
  window.history.replaceState(null, '', `/${search}`);
}

describe('CardsView', () => {
  afterEach(() => goTo(''));

  it('asks for the URL’s filters, shows the rows and pages on with nextCursor', async () => {
    goTo('?view=cards&status=closed&lane=done&closedFrom=2025-01-01&closedTo=2025-12-31');
    const calls = mockFetch({
      'GET /api/cards*': ({ url }) => {
        const cursor = new URL(url, 'http://x').searchParams.get('cursor');
        return cursor === null
          ? { status: 200, body: { items: [item('Alpha GmbH'), item('Beta AB')], nextCursor: 'page-2' } }
          : { status: 200, body: { items: [item('Gamma SA')], nextCursor: null } };
      },
    });
    render(<CardsView lanes={lanes} />);
    expect(await screen.findByRole('button', { name: 'Alpha GmbH' })).toBeInTheDocument();
    expect(asked(calls)[0]!.toString()).toBe('status=closed&lane=done&closedFrom=2025-01-01&closedTo=2025-12-31');
    expect(screen.getAllByRole('row')).toHaveLength(3); // header + 2
    expect(screen.getByText('2 cards shown, more to load')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('button', { name: 'Gamma SA' })).toBeInTheDocument();
    expect(asked(calls)[1]!.get('cursor')).toBe('page-2');
    expect(asked(calls)[1]!.get('status')).toBe('closed');
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(screen.getByText('3 cards')).toBeInTheDocument();
  });

  it('loads the next page by itself when the end of the list scrolls into view', async () => {
    goTo('?view=cards');
    const seen: ((entries: { isIntersecting: boolean }[]) => void)[] = [];
    const observe = jest.fn();
    (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = class {
      constructor(cb: (entries: { isIntersecting: boolean }[]) => void) {
        seen.push(cb);
      }
      observe = observe;
      disconnect() {}
    };
    try {
      const calls = mockFetch({
        'GET /api/cards*': ({ url }) =>
          new URL(url, 'http://x').searchParams.get('cursor')
            ? { status: 200, body: { items: [item('Gamma SA')], nextCursor: null } }
            : { status: 200, body: { items: [item('Alpha GmbH')], nextCursor: 'page-2' } },
      });
      render(<CardsView lanes={lanes} />);
      await screen.findByRole('button', { name: 'Alpha GmbH' });
      await waitFor(() => expect(observe).toHaveBeenCalled());
      act(() => seen.at(-1)!([{ isIntersecting: true }]));
      expect(await screen.findByRole('button', { name: 'Gamma SA' })).toBeInTheDocument();
      expect(asked(calls).map((p) => p.get('cursor'))).toEqual([null, 'page-2']);
    } finally {
      delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
    }
  });

  it('sorts by a column header, turning the order round on a second click', async () => {
    goTo('?view=cards');
    const calls = mockFetch({ 'GET /api/cards*': { status: 200, body: { items: [item('Alpha GmbH')], nextCursor: null } } });
    render(<CardsView lanes={lanes} />);
    await screen.findByRole('button', { name: 'Alpha GmbH' });
    const header = (name: string) => screen.getByRole('columnheader', { name: new RegExp(`^${name}`) });
    expect(header('Created')).toHaveAttribute('aria-sort', 'descending'); // the default: newest first
    expect(header('Customer')).toHaveAttribute('aria-sort', 'none');

    await userEvent.click(within(header('Customer')).getByRole('button'));
    await waitFor(() => expect(asked(calls).at(-1)!.get('sort')).toBe('customer'));
    expect(new URLSearchParams(window.location.search).get('sort')).toBe('customer');
    expect(header('Customer')).toHaveAttribute('aria-sort', 'ascending');

    await userEvent.click(within(header('Customer')).getByRole('button'));
    await waitFor(() => expect(asked(calls).at(-1)!.get('sort')).toBe('-customer'));
    expect(header('Customer')).toHaveAttribute('aria-sort', 'descending');

    await userEvent.click(within(header('Closed')).getByRole('button'));
    await waitFor(() => expect(asked(calls).at(-1)!.get('sort')).toBe('-closed'));
  });

  it('keeps every filter in the URL and asks again: status, lane, health, dates and the debounced search', async () => {
    goTo('?view=cards&card=keep-me');
    const calls = mockFetch({ 'GET /api/cards*': { status: 200, body: { items: [item('Alpha GmbH')], nextCursor: null } } });
    render(<CardsView lanes={lanes} />);
    await screen.findByRole('button', { name: 'Alpha GmbH' });

    await userEvent.click(screen.getByRole('button', { name: 'Open' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Lane' }), 'done');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Health' }), 'stuck');
    await userEvent.type(screen.getByLabelText('Closed from'), '2025-02-01');
    await userEvent.type(screen.getByRole('searchbox'), 'müll');
    await waitFor(() => expect(asked(calls).at(-1)!.get('q')).toBe('müll'));

    const url = new URLSearchParams(window.location.search);
    expect(parseCardListQuery(url).query).toEqual<CardListQuery>({
      ...DEFAULT_CARD_LIST_QUERY,
      q: 'müll',
      status: 'open',
      lane: 'done',
      health: 'stuck',
      closedFrom: '2025-02-01',
    });
    expect(url.get('view')).toBe('cards');
    expect(url.get('card')).toBe('keep-me');
    // The search is sent once typing pauses, not per letter.
    expect(
      asked(calls)
        .filter((p) => p.has('q'))
        .map((p) => p.get('q')),
    ).toEqual(['müll']);
    expect(screen.getByRole('button', { name: 'Open' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('links the export to exactly the current filters and order, without the page', async () => {
    goTo('?view=cards&status=closed&q=jos%C3%A9&sort=-closed&cursor=xyz&limit=20&health=ok');
    mockFetch({ 'GET /api/cards*': { status: 200, body: { items: [item('Alpha GmbH')], nextCursor: null } } });
    render(<CardsView lanes={lanes} />);
    const link = await screen.findByRole('link', { name: 'Export CSV' });
    expect(link).toHaveAttribute('href', '/api/cards/export.csv?q=jos%C3%A9&status=closed&health=ok&sort=-closed');
    expect(link).toHaveAttribute('download');
  });

  it('shows loading, then empty with filters, and an error with a retry', async () => {
    goTo('?view=cards&status=closed');
    let fail = true;
    mockFetch({
      'GET /api/cards*': () =>
        fail
          ? { status: 500, body: { statusCode: 500, code: 'INTERNAL', message: 'Something broke' } }
          : { status: 200, body: { items: [], nextCursor: null } },
    });
    render(<CardsView lanes={lanes} />);
    expect(screen.getByText('Loading the cards…')).toBeInTheDocument();
    expect(await screen.findByRole('alert')).toHaveTextContent('The cards could not be loaded: Something broke');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No cards match these filters.')).toBeInTheDocument();
  });

  it('opens a row’s card in the drawer (the card parameter)', async () => {
    goTo('?view=cards');
    const alpha = item('Alpha GmbH');
    mockFetch({ 'GET /api/cards*': { status: 200, body: { items: [alpha], nextCursor: null } } });
    render(<CardsView lanes={lanes} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Alpha GmbH' }));
    expect(new URLSearchParams(window.location.search).get('card')).toBe(alpha.id);
  });

  it('reads a shared link back to the same list after a reload', async () => {
    const query: Partial<CardListQuery> = { q: 'nuñez', status: 'closed', closedTo: '2025-12-31', sort: 'lane' };
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(cardsViewParams(query))) if (v) params.set(k, v);
    goTo(`?${params.toString()}`);
    const calls = mockFetch({ 'GET /api/cards*': { status: 200, body: { items: [], nextCursor: null } } });
    const { unmount } = render(<CardsView lanes={lanes} />);
    await waitFor(() => expect(asked(calls)).toHaveLength(1));
    unmount();
    act(() => goTo(window.location.search)); // a reload: same address, fresh view
    render(<CardsView lanes={lanes} />);
    await waitFor(() => expect(asked(calls)).toHaveLength(2));
    expect(asked(calls)[1]!.toString()).toBe(asked(calls)[0]!.toString());
    expect(asked(calls)[0]!.toString()).toBe('q=nu%C3%B1ez&status=closed&closedTo=2025-12-31&sort=lane');
  });
});
