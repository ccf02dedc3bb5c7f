import { useEffect } from 'react';
import { AcceptInvitePage } from './features/auth/AcceptInvitePage';
import { SignInPage } from './features/auth/SignInPage';
import { useSession } from './features/auth/session-store';
import { Workspace } from './Workspace';
import { LoadingState } from './ui/states';
import { Toasts } from './ui/Toasts';
import { useSearch } from './utils/url-state';

export function App() {
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
