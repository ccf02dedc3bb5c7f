import { useBoardStore, type ConnectionState } from '../../realtime/board-store';

const TEXT: Record<ConnectionState, string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
};

const LABEL: Record<ConnectionState, string> = {
  connecting: 'Connecting to live updates',
  live: 'Live: the board updates as others work',
  reconnecting: 'Reconnecting: live updates paused, missed changes will be fetched',
  offline: 'Offline: live updates stopped',
};

export function ConnectionIndicator() {
  const state = useBoardStore((s) => s.connection);
  return (
    <span className={`connection connection-${state}`} role="status" aria-label={LABEL[state]} title={LABEL[state]} data-connection={state}>
      <span className="connection-dot" aria-hidden="true" />
      <span aria-hidden="true">{TEXT[state]}</span>
    </span>
  );
}
