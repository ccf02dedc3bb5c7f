import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UNREAD_PUSH_CAP, type Notification, type NotificationKind } from '@relay/shared';
import { fromBoardResponse } from '../../realtime/board-state';
import { useBoardStore } from '../../realtime/board-store';
import { CardDrawer } from '../card/CardDrawer';
import { fullCard, makeBoard, makeCard, makeLanes, makeUser, mockFetch } from '../../test/fixtures';
import { openCard } from '../../utils/url-state';
import { useToasts } from '../../ui/toast-store';
import { NotificationBell } from './NotificationBell';
import { useNotifications } from './notification-store';

const note = (id: string, read = false, overrides: Partial<Notification> = {}): Notification => ({
  id,
  kind: 'card_arrived',
  cardId: `card-${id}`,
  text: `Card ${id} arrived in Accounting`,
  at: '2026-11-23T10:00:00Z',
  read,
  ...overrides,
});

const about = (id: string, cardId: string, kind: NotificationKind, text: string, at: string, read = false) =>
  note(id, read, { cardId, kind, text, at });

/** A reply the test releases when it wants: to look at the bell while a request is in flight. */
function deferred() {
  let release!: (reply: { status: number; body?: unknown }) => void;
  const promise = new Promise<{ status: number; body?: unknown }>((r) => (release = r));
  return { handler: () => promise, release };
}

const bell = (unread: number) => screen.getByRole('button', { name: unread > 0 ? `Notifications, ${unread} unread` : 'Notifications' });
const panel = () => screen.getByRole('region', { name: 'Notifications' });

describe('NotificationBell', () => {
  beforeEach(() => {
    useNotifications.getState().reset();
    useBoardStore.getState().reset();
    useToasts.setState({ toasts: [] });
    window.history.replaceState(null, '', '/');
  });

  it('counts a live notification as unread', async () => {
    mockFetch({ 'GET /api/notifications': { status: 200, body: { items: [note('a', true)], unread: 0 } } });
    await useNotifications.getState().load();
    render(<NotificationBell />);
    expect(bell(0)).toBeInTheDocument();
    act(() => useNotifications.getState().arrived(note('b'), 1));
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    // The same notification twice (reconnect) is counted once.
    act(() => useNotifications.getState().arrived(note('b')));
    expect(useNotifications.getState().unread).toBe(1);
  });

  it("takes the server's unread count from a socket push", async () => {
    useNotifications.setState({ items: [note('a')], unread: 1, loaded: true });
    render(<NotificationBell />);
    // Another tab read some, others arrived by email-only preference: the server's count wins.
    act(() => useNotifications.getState().arrived(note('b', false, { at: '2026-11-23T11:00:00Z' }), 7));
    expect(bell(7)).toBeInTheDocument();
  });

  it('keeps an exact count past the cap of a live push (the server counts only up to it)', () => {
    useNotifications.setState({ items: [note('a')], unread: 240, loaded: true });
    act(() => useNotifications.getState().arrived(note('b', false, { at: '2026-11-23T11:00:00Z' }), UNREAD_PUSH_CAP));
    expect(useNotifications.getState().unread).toBe(241);
  });

  it('opens the card and marks the notification read; "mark all read" clears the count', async () => {
    const calls = mockFetch({ 'POST /api/notifications/b/read': { status: 204 }, 'POST /api/notifications/read-all': { status: 204 } });
    useNotifications.setState({ items: [note('b'), note('c')], unread: 2, loaded: true });
    render(<NotificationBell />);
    await userEvent.click(bell(2));
    await userEvent.click(screen.getByRole('button', { name: /Card b arrived/ }));
    expect(window.location.search).toBe('?card=card-b');
    await waitFor(() => expect(calls.map((c) => c.url)).toContain('/api/notifications/b/read'));
    expect(useNotifications.getState().unread).toBe(1);
    await userEvent.click(bell(1));
    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(calls.map((c) => c.url)).toContain('/api/notifications/read-all');
    expect(bell(0)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });

  describe('grouped by card', () => {
    const items = [
      about('n3', 'card-1', 'mentioned', 'Mona Manager mentioned you on Gatekeeper Foods', '2026-11-23T12:00:00Z'),
      about('n2', 'card-2', 'card_arrived', 'Harbour View Clinic arrived in Accounting', '2026-11-23T11:00:00Z', true),
      about('n1', 'card-1', 'card_arrived', 'Gatekeeper Foods arrived in Accounting', '2026-11-23T10:00:00Z'),
      about('n0', 'card-1', 'reminder', 'Reminder: billing contact for Gatekeeper Foods', '2026-11-23T09:00:00Z', true),
    ];

    beforeEach(() => {
      const lanes = makeLanes();
      const card = makeCard(lanes[2]!, { id: 'card-1', title: 'Gatekeeper Foods' });
      useBoardStore.getState().receive(fromBoardResponse(makeBoard([card], 1, lanes)), []);
      useNotifications.setState({ items, unread: 2, loaded: true });
    });

    it('shows one row per card with the latest text, its kind and a count, expandable', async () => {
      render(<NotificationBell />);
      await userEvent.click(bell(2));
      const rows = within(panel()).getAllByRole('listitem');
      expect(rows).toHaveLength(2);
      expect(rows[0]).toHaveTextContent('Mention');
      expect(rows[0]).toHaveTextContent('Mona Manager mentioned you on Gatekeeper Foods');
      expect(rows[1]).toHaveTextContent('Handoff');
      expect(rows[1]).toHaveTextContent('Harbour View Clinic arrived in Accounting');
      // The older two about Gatekeeper Foods stay folded away.
      expect(screen.queryByText('Gatekeeper Foods arrived in Accounting')).toBeNull();
      expect(within(rows[1]!).queryByRole('button', { expanded: false })).toBeNull();

      const toggle = within(rows[0]!).getByRole('button', { name: '3 notifications about Gatekeeper Foods, 2 unread' });
      expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await userEvent.click(toggle);
      expect(toggle).toHaveAttribute('aria-expanded', 'true');
      const expanded = within(rows[0]!).getByRole('list');
      expect(
        within(expanded)
          .getAllByRole('button')
          .map((b) => b.textContent),
      ).toEqual([
        expect.stringContaining('Mona Manager mentioned you'),
        expect.stringContaining('Gatekeeper Foods arrived in Accounting'),
        expect.stringContaining('Reminder: billing contact'),
      ]);
      await userEvent.click(toggle);
      expect(screen.queryByText('Gatekeeper Foods arrived in Accounting')).toBeNull();
    });

    it("opening a card's row opens the card and marks all its unread notifications read at once", async () => {
      const n3 = deferred();
      const n1 = deferred();
      const calls = mockFetch({ 'POST /api/notifications/n3/read': n3.handler, 'POST /api/notifications/n1/read': n1.handler });
      render(<NotificationBell />);
      await userEvent.click(bell(2));
      await userEvent.click(screen.getByRole('button', { name: /Mona Manager mentioned you/ }));
      expect(window.location.search).toBe('?card=card-1');
      // Optimistic: the count drops before the server has answered.
      expect(bell(0)).toBeInTheDocument();
      expect(calls.map((c) => c.url).sort()).toEqual(['/api/notifications/n1/read', '/api/notifications/n3/read']);
      await act(async () => (n3.release({ status: 204 }), n1.release({ status: 204 })));
      expect(useNotifications.getState().items.filter((n) => !n.read)).toEqual([]);
    });

    it('opens one notification from the expanded list and marks only that one read', async () => {
      const calls = mockFetch({ 'POST /api/notifications/n1/read': { status: 204 } });
      render(<NotificationBell />);
      await userEvent.click(bell(2));
      await userEvent.click(screen.getByRole('button', { name: /3 notifications about Gatekeeper Foods/ }));
      await userEvent.click(screen.getByRole('button', { name: /Gatekeeper Foods arrived in Accounting/ }));
      expect(window.location.search).toBe('?card=card-1');
      await waitFor(() => expect(calls.map((c) => c.url)).toEqual(['/api/notifications/n1/read']));
      expect(bell(1)).toBeInTheDocument();
      expect(useNotifications.getState().items.find((n) => n.id === 'n3')!.read).toBe(false);
    });
  });

  it('keeps an optimistic read when the socket pushes a new notification meanwhile', async () => {
    const read = deferred();
    const calls = mockFetch({
      'POST /api/notifications/a/read': read.handler,
      'GET /api/notifications': {
        status: 200,
        body: { items: [note('c', false, { at: '2026-11-23T12:00:00Z' }), note('b'), note('a', true)], unread: 2 },
      },
    });
    useNotifications.setState({ items: [note('a'), note('b')], unread: 2, loaded: true });
    render(<NotificationBell />);
    await userEvent.click(bell(2));
    await userEvent.click(screen.getByRole('button', { name: /Card a arrived/ }));
    expect(bell(1)).toBeInTheDocument();
    // Counted on the server before our read landed: 3 would undo the optimistic read.
    act(() => useNotifications.getState().arrived(note('c', false, { at: '2026-11-23T12:00:00Z' }), 3));
    expect(bell(2)).toBeInTheDocument();
    await act(async () => read.release({ status: 204 }));
    // Once the read has landed the bell re-reads the list, and agrees.
    await waitFor(() => expect(calls.filter((c) => c.method === 'GET').map((c) => c.url)).toEqual(['/api/notifications']));
    await waitFor(() => expect(useNotifications.getState().items.map((n) => n.id)).toEqual(['c', 'b', 'a']));
    expect(bell(2)).toBeInTheDocument();
    expect(useNotifications.getState().items.find((n) => n.id === 'a')!.read).toBe(true);
  });

  it('puts the count back and says so when marking read fails', async () => {
    const busy = { status: 503, body: { statusCode: 503, code: 'UNAVAILABLE', message: 'Relay is busy' } };
    // Re-reading the list fails too: the bell must undo its optimistic read by itself.
    const calls = mockFetch({ 'POST /api/notifications/a/read': busy, 'GET /api/notifications': busy });
    useNotifications.setState({ items: [note('a'), note('b')], unread: 2, loaded: true });
    render(<NotificationBell />);
    await userEvent.click(bell(2));
    await userEvent.click(screen.getByRole('button', { name: /Card a arrived/ }));
    await waitFor(() => expect(useToasts.getState().toasts.map((t) => t.text)).toContain('Relay is busy'));
    await waitFor(() => expect(calls.map((c) => c.method)).toEqual(['POST', 'GET']));
    expect(bell(2)).toBeInTheDocument();
    expect(useNotifications.getState().items.find((n) => n.id === 'a')!.read).toBe(false);
  });

  it('says when there is nothing yet', async () => {
    useNotifications.setState({ items: [], unread: 0, loaded: true });
    render(<NotificationBell />);
    await userEvent.click(bell(0));
    expect(within(panel()).getByText('Nothing yet. Handoffs, reminders and stuck cards show up here.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });

  it('offers to try again when the list could not be loaded', async () => {
    let fail = true;
    mockFetch({
      'GET /api/notifications': () =>
        fail
          ? { status: 503, body: { statusCode: 503, code: 'UNAVAILABLE', message: 'Relay is busy' } }
          : { status: 200, body: { items: [note('a')], unread: 1 } },
    });
    await useNotifications
      .getState()
      .load()
      .catch(() => undefined);
    render(<NotificationBell />);
    await userEvent.click(bell(0));
    expect(within(panel()).getByRole('alert')).toHaveTextContent('Relay is busy');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: /Card a arrived/ })).toBeInTheDocument();
    expect(bell(1)).toBeInTheDocument();
  });

  it('closes on Escape and leaves the open card open', async () => {
    const lanes = makeLanes();
    const summary = makeCard(lanes[1]!);
    useBoardStore.getState().receive(fromBoardResponse(makeBoard([summary], 1, lanes)), []);
    const card = fullCard(summary, lanes);
    mockFetch({
      [`GET /api/cards/${card.id}`]: { status: 200, body: card },
      [`GET /api/cards/${card.id}/events`]: { status: 200, body: [] },
      'GET /api/users': { status: 200, body: [] },
    });
    useNotifications.setState({ items: [note('a')], unread: 1, loaded: true });
    openCard(card.id);
    render(
      <>
        <NotificationBell />
        <CardDrawer cardId={card.id} user={makeUser()} />
      </>,
    );
    await screen.findByRole('dialog', { name: `Card: ${card.title}` });
    await userEvent.click(bell(1));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull();
    expect(new URLSearchParams(window.location.search).get('card')).toBe(card.id);
    // With the panel closed, Escape closes the card as before.
    await userEvent.keyboard('{Escape}');
    expect(new URLSearchParams(window.location.search).get('card')).toBeNull();
  });

  it('closes on Escape without letting the Escape reach the open card', async () => {
    useNotifications.setState({ items: [note('a')], unread: 1, loaded: true });
    const seen = jest.fn();
    window.addEventListener('keydown', seen);
    render(<NotificationBell />);
    await userEvent.click(bell(1));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull();
    expect(bell(1)).toHaveFocus();
    expect(seen.mock.calls.map(([e]) => (e as KeyboardEvent).defaultPrevented)).toEqual([true]);
    window.removeEventListener('keydown', seen);
  });
});
