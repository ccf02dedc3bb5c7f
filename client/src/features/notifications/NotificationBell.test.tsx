import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Notification } from '@relay/shared';
import { mockFetch } from '../../test/fixtures';
import { NotificationBell } from './NotificationBell';
import { useNotifications } from './notification-store';

const note = (id: string, read = false): Notification => ({
  id,
  kind: 'card_arrived',
  cardId: `card-${id}`,
  text: `Card ${id} arrived in Accounting`,
  at: '2026-11-23T10:00:00Z',
  read,
});

describe('NotificationBell', () => {
  beforeEach(() => {
    useNotifications.getState().reset();
    window.history.replaceState(null, '', '/');
  });

  it('counts a live notification as unread', async () => {
    mockFetch({ 'GET /api/notifications': { status: 200, body: { items: [note('a', true)], unread: 0 } } });
    await useNotifications.getState().load();
    render(<NotificationBell />);
    expect(screen.getByRole('button', { name: 'Notifications' })).toBeInTheDocument();
    act(() => useNotifications.getState().arrived(note('b')));
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    // The same notification twice (reconnect) is counted once.
    act(() => useNotifications.getState().arrived(note('b')));
    expect(useNotifications.getState().unread).toBe(1);
  });

  it('opens the card and marks the notification read; "mark all read" clears the count', async () => {
    const calls = mockFetch({ 'POST /api/notifications/b/read': { status: 204 }, 'POST /api/notifications/read-all': { status: 204 } });
    useNotifications.setState({ items: [note('b'), note('c')], unread: 2, loaded: true });
    render(<NotificationBell />);
    await userEvent.click(screen.getByRole('button', { name: 'Notifications, 2 unread' }));
    await userEvent.click(screen.getByRole('button', { name: /Card b arrived/ }));
    expect(window.location.search).toBe('?card=card-b');
    await waitFor(() => expect(calls.map((c) => c.url)).toContain('/api/notifications/b/read'));
    expect(useNotifications.getState().unread).toBe(1);
    await userEvent.click(screen.getByRole('button', { name: 'Notifications, 1 unread' }));
    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(calls.map((c) => c.url)).toContain('/api/notifications/read-all');
    expect(useNotifications.getState().unread).toBe(0);
  });
});
