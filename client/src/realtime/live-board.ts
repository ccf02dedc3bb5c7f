import {
  BOARD_EVENT_NAMES,
  type BoardEvent,
  type BoardEventName,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@relay/shared';
import type { Socket } from 'socket.io-client';
import { fetchBoard, fetchBoardEvents } from '../api/board';
import { ApiError, errorMessage } from '../api/http';
import { useSession } from '../features/auth/session-store';
import { useNotifications } from '../features/notifications/notification-store';
import { BoardSync } from './board-sync';
import { readBoard, useBoardStore } from './board-store';

type RelaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A running live board: `reload` refetches it whole (the error state's retry), `stop` tears it down. */
export interface LiveBoard {
  reload(): void;
  stop(): void;
}

function onSyncError(err: unknown): void {
  if (err instanceof ApiError && err.status === 401) {
    useSession.getState().ended('Your session has ended. Please sign in again.');
    return;
  }
  const store = useBoardStore.getState();
  if (!store.data) store.setStatus('error', errorMessage(err));
}

/** Board events, notifications and the connection state from the socket. */
function wireSocket(socket: RelaySocket, current: BoardSync): void {
  const setConnection = useBoardStore.getState().setConnection;
  for (const name of BOARD_EVENT_NAMES) {
    const handler = (payload: BoardEvent) => current.receive({ ...payload, type: name } as BoardEvent);
    socket.on(name as BoardEventName, handler as ServerToClientEvents[BoardEventName]);
  }
  socket.on('notification', (e) => useNotifications.getState().arrived(e.notification, e.unread));
  socket.on('session.ended', () => useSession.getState().ended('Your session has ended. Please sign in again.'));
  let connectedBefore = false;
  socket.on('connect', () => {
    setConnection('live');
    // Whatever happened while we were away (or between the board fetch and joining the room).
    if (readBoard()) void current.resync();
    // Notifications pushed while the socket was down were missed: re-read the bell.
    if (connectedBefore)
      void useNotifications
        .getState()
        .load()
        .catch(() => undefined);
    connectedBefore = true;
  });
  socket.on('disconnect', (reason) => {
    setConnection(reason === 'io server disconnect' || !navigator.onLine ? 'offline' : 'reconnecting');
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 5000);
  });
  socket.on('connect_error', () => setConnection(navigator.onLine ? 'reconnecting' : 'offline'));
}

/** Loads the board, opens the socket and keeps both in step. */
export function startLiveBoard(): LiveBoard {
  const store = useBoardStore.getState();
  store.reset();
  store.setStatus('loading');
  let stopped = false;
  let first = true;
  const current = new BoardSync({
    fetchBoard: () => {
      const preloaded = first && useSession.getState().openedSignedIn;
      first = false;
      return fetchBoard({ preloaded });
    },
    fetchEvents: fetchBoardEvents,
    read: readBoard,
    write: (data, applied) => {
      // A board stopped meanwhile (signed out, another person) must not write into the next one's store.
      if (!stopped) useBoardStore.getState().receive(data, applied);
    },
    onError: onSyncError,
  });
  void current.load();
  void useNotifications
    .getState()
    .load()
    .catch(() => undefined);

  // The socket's library loads after the board's first request has gone out (it is not needed to show the
  // board: connecting resyncs whatever happened meanwhile), keeping it off a slow phone's first load.
  let socket: RelaySocket | null = null;
  void import('socket.io-client').then(({ io }) => {
    if (stopped) return;
    socket = io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
    wireSocket(socket, current);
  });
  const onOffline = () => useBoardStore.getState().setConnection('offline');
  const onOnline = () => {
    const setConnection = useBoardStore.getState().setConnection;
    if (socket?.connected) {
      setConnection('live');
      void current.resync();
    } else {
      setConnection('reconnecting');
      socket?.connect();
    }
  };
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);

  const stop = () => {
    stopped = true;
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
    socket?.removeAllListeners();
    socket?.disconnect();
    current.dispose();
    useBoardStore.getState().reset();
    useNotifications.getState().reset();
  };
  const reload = () => {
    useBoardStore.getState().setStatus('loading');
    void current.load();
  };
  return { reload, stop };
}
