import { useEffect } from 'react';
import { SignInPage } from './features/auth/SignInPage';
import { useSession } from './features/auth/session-store';
import { Workspace } from './Workspace';
import { LoadingState } from './ui/states';
import { Toasts } from './ui/Toasts';

export function App() {
  const status = useSession((s) => s.status);
  const check = useSession((s) => s.check);
  useEffect(() => {
    void check();
  }, [check]);
  return (
    <>
      {status === 'checking' ? <LoadingState text="Opening Relay…" /> : status === 'signed-in' ? <Workspace /> : <SignInPage />}
      <Toasts />
    </>
  );
}
