import { act, render, screen, waitFor } from '@testing-library/react';
import type { Notification } from '@relay/shared';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { useNotifications } from '../features/notifications/notification-store';
import { makeBoard, mockFetch } from '../test/fixtures';
import { startLiveBoard } from './live-board';

type Handler = (payload?: unknown) => void;

/** A stand-in for the socket.io client: the test plays the server's side. */
const socket = {
  handlers: new Map<string, Handler>(),
  on(event: string, fn: Handler) {
    this.handlers.set(event, fn);
    return this;
  },
  emit(event: string, payload?: unknown) {
    this.handlers.get(event)?.(payload);
  },
  removeAllListeners() {
    this.handlers.clear();
  },
  disconnect: jest.fn(),
  connect: jest.fn(),
  connected: true,
};

jest.mock('socket.io-client', () => ({ io: () => socket }));

const note = (id: string, at: string): Notification => ({
  id,
  kind: 'assigned',
  cardId: 'card-1',
  text: `Mona assigned you Gatekeeper Foods (${id})`,
  at,
  read: false,
});

describe('the bell on the live socket', () => {
  let stop: () => void = () => undefined;
  afterEach(() => act(() => stop()));

  it("shows the unread count a socket 'notification' push carries, and re-reads the list after a reconnect", async () => {
    let list = { items: [note('a', '2026-11-23T10:00:00Z')], unread: 1 };
    const calls = mockFetch({
      'GET /api/board': { status: 200, body: makeBoard([]) },
      'GET /api/board/events*': { status: 200, body: [] },
      'GET /api/notifications': () => ({ status: 200, body: list }),
    });
    stop = startLiveBoard().stop;
    render(<NotificationBell />);
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();

    act(() => socket.emit('connect'));
    act(() => socket.emit('notification', { notification: note('b', '2026-11-23T11:00:00Z'), unread: 4 }));
    expect(screen.getByRole('button', { name: 'Notifications, 4 unread' })).toBeInTheDocument();
    expect(useNotifications.getState().items.map((n) => n.id)).toEqual(['b', 'a']);

    // Offline for a while: what was pushed meanwhile comes with the list on reconnect.
    act(() => socket.emit('disconnect', 'transport close'));
    list = { items: [note('c', '2026-11-23T12:00:00Z'), note('b', '2026-11-23T11:00:00Z'), note('a', '2026-11-23T10:00:00Z')], unread: 5 };
    const before = calls.filter((c) => c.url === '/api/notifications').length;
    act(() => socket.emit('connect'));
    await waitFor(() => expect(calls.filter((c) => c.url === '/api/notifications').length).toBe(before + 1));
    expect(await screen.findByRole('button', { name: 'Notifications, 5 unread' })).toBeInTheDocument();
    expect(useNotifications.getState().items.map((n) => n.id)).toEqual(['c', 'b', 'a']);
  });
});
