import { lazy, Suspense, useEffect } from 'react';
import { AcceptInvitePage } from './features/auth/AcceptInvitePage';
import { SignInPage } from './features/auth/SignInPage';
import { useSession } from './features/auth/session-store';
import { Workspace } from './Workspace';
import { LoadingState } from './ui/states';
import { Toasts } from './ui/Toasts';
import { useSearch } from './utils/url-state';

// The customer's page is its own chunk (with the socket library): the board's first load does not carry it.
const TrackPage = lazy(() => import('./features/track/TrackPage').then((m) => ({ default: m.TrackPage })));

/** `/track/<token>`: the customer's page, which needs no account. */
const TRACK_PATH = /^\/track\/([A-Za-z0-9_-]+)\/?$/;

export function App() {
  const track = TRACK_PATH.exec(window.location.pathname);
  return track ? (
    <Suspense fallback={<LoadingState text="Loading…" />}>
      <TrackPage token={track[1]} />
    </Suspense>
  ) : (
    <StaffApp />
  );
}

function StaffApp() {
  const status = useSession((s) => s.status);
  const check = useSession((s) => s.check);
  const invite = useSearch().get('invite');
  useEffect(() => {
    void check();
  }, [check]);
  return (
    <>
      {invite ? (
        <AcceptInvitePage token={invite} />
      ) : status === 'checking' ? (
        <LoadingState text="Opening Relay…" />
      ) : status === 'signed-in' ? (
        <Workspace />
      ) : (
        <SignInPage />
      )}
      <Toasts />
    </>
  );
}
