import type { User } from '@relay/shared';
import { create } from 'zustand';
import { fetchMe, logout } from '../../api/auth';
import { ApiError, UNAUTHENTICATED_EVENT } from '../../api/http';

type SessionStatus = 'checking' | 'signed-in' | 'signed-out';

interface SessionStore {
  status: SessionStatus;
  user: User | null;
  /** Why the last session ended, shown on the sign-in page. */
  notice: string | null;
  /** The page opened signed in (the first check found a session): the board's preloaded answer is this person's. */
  openedSignedIn: boolean;
  check(): Promise<void>;
  signedIn(user: User): void;
  signOut(): Promise<void>;
  ended(notice: string): void;
}

export const useSession = create<SessionStore>()((set) => ({
  status: 'checking',
  user: null,
  notice: null,
  openedSignedIn: false,
  check: async () => {
    try {
      const user = await fetchMe();
      set((s) => ({ status: 'signed-in', user, openedSignedIn: s.status === 'checking' }));
    } catch (err) {
      const notice = err instanceof ApiError && err.status !== 401 ? err.message : null;
      set({ status: 'signed-out', user: null, notice });
    }
  },
  signedIn: (user) => set({ status: 'signed-in', user, notice: null, openedSignedIn: false }),
  signOut: async () => {
    try {
      await logout();
    } finally {
      set({ status: 'signed-out', user: null, notice: null, openedSignedIn: false });
    }
  },
  ended: (notice) => set({ status: 'signed-out', user: null, notice, openedSignedIn: false }),
}));

/** The signed-in person; only call below the signed-in gate. */
export function useUser(): User {
  const user = useSession((s) => s.user);
  if (!user) throw new Error('useUser called without a session');
  return user;
}

// Any request finding the session gone sends the person back to sign in.
globalThis.addEventListener?.(UNAUTHENTICATED_EVENT, () => {
  if (useSession.getState().status === 'signed-in') useSession.getState().ended('Your session has ended. Please sign in again.');
});
