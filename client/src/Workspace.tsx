import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { canCreateCard, canSeeMetrics, isAdmin } from '@relay/shared';
import { errorMessage } from './api/http';
import { useSession, useUser } from './features/auth/session-store';
import { Board } from './features/board/Board';
import { ConnectionIndicator } from './features/board/ConnectionIndicator';
import { FilterBar } from './features/board/FilterBar';
import { useMoveFlow } from './features/board/move-flow';
import { cardMatcher, hasFilters, parseFilters } from './features/board/utils/filters';
import { NotificationBell } from './features/notifications/NotificationBell';
import { useBoardStore } from './realtime/board-store';
import { startLiveBoard, type LiveBoard } from './realtime/live-board';
import { EmptyState, ErrorState, LoadingState } from './ui/states';
import { toast } from './ui/toast-store';
import { useDocumentTitle } from './ui/use-document-title';
import { setParams, useSearch } from './utils/url-state';

// Loaded on demand: the board's first load carries only what the board needs (issue 23, item 14).
const AccountView = lazy(() => import('./features/account/AccountView').then((m) => ({ default: m.AccountView })));
const AdminView = lazy(() => import('./features/admin/AdminView').then((m) => ({ default: m.AdminView })));
const ManagerView = lazy(() => import('./features/manager/ManagerView').then((m) => ({ default: m.ManagerView })));
const CardsView = lazy(() => import('./features/cards/CardsView').then((m) => ({ default: m.CardsView })));
const CardDrawer = lazy(() => import('./features/card/CardDrawer').then((m) => ({ default: m.CardDrawer })));
const MissingItemsPanel = lazy(() => import('./features/board/MissingItemsPanel').then((m) => ({ default: m.MissingItemsPanel })));
const BackMoveDialog = lazy(() => import('./features/board/BackMoveDialog').then((m) => ({ default: m.BackMoveDialog })));
const ConflictDialog = lazy(() => import('./features/board/ConflictDialog').then((m) => ({ default: m.ConflictDialog })));
const NewCardDialog = lazy(() => import('./features/new-card/NewCardDialog').then((m) => ({ default: m.NewCardDialog })));

/** The signed-in app: header, board or manager view, the open card and the move dialogs. */
export function Workspace() {
  const user = useUser();
  const signOut = useSession((s) => s.signOut);
  const params = useSearch();
  const search = params.toString();
  const filters = useMemo(() => parseFilters(new URLSearchParams(search)), [search]);
  const requested = params.get('view');
  const view =
    requested === 'manager' && canSeeMetrics(user)
      ? 'manager'
      : requested === 'admin' && isAdmin(user)
        ? 'admin'
        : requested === 'account'
          ? 'account'
          : requested === 'cards'
            ? 'cards'
            : 'board';
  const cardId = params.get('card');
  const [creating, setCreating] = useState(false);
  const status = useBoardStore((s) => s.status);
  const error = useBoardStore((s) => s.error);
  const data = useBoardStore((s) => s.data);
  const refusal = useMoveFlow((s) => s.refusal);
  const pendingBack = useMoveFlow((s) => s.pendingBack);
  const conflict = useMoveFlow((s) => s.conflict);

  const live = useRef<LiveBoard | null>(null);
  useEffect(() => {
    const board = startLiveBoard();
    live.current = board;
    return () => {
      board.stop();
      live.current = null;
    };
  }, [user.id]);
  const viewName = viewTitle(view, params.get('section'));
  useDocumentTitle(viewName);

  const counts = useMemo(() => {
    if (!data) return { shown: 0, total: 0 };
    const all = Object.values(data.cards);
    const keep = cardMatcher(filters, user, data.lanes);
    return { shown: hasFilters(filters) ? all.filter(keep).length : all.length, total: all.length };
  }, [data, filters, user]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to {view === 'board' ? 'the board' : 'the content'}
      </a>
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          Relay
        </span>
        {/* My account has its own visible h1. */}
        {view !== 'account' && <h1 className="visually-hidden">{viewName === 'Board' ? 'Onboarding board' : viewName}</h1>}
        <nav className="tabs" aria-label="Views">
          <ViewTab view={null} current={view} label="Board" />
          <ViewTab view="cards" current={view} label="Cards" />
          {canSeeMetrics(user) && <ViewTab view="manager" current={view} label="Manager" />}
          {isAdmin(user) && <ViewTab view="admin" current={view} label="Admin" />}
        </nav>
        <span className="spacer" />
        <ConnectionIndicator />
        {canCreateCard(user) && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New onboarding
          </button>
        )}
        <NotificationBell />
        <span className="user-name" title={user.email}>
          {user.name}
        </span>
        <button
          type="button"
          className={`button button-quiet ${view === 'account' ? 'is-active' : ''}`}
          aria-current={view === 'account' ? 'page' : undefined}
          onClick={() => setParams({ view: 'account' }, true)}
        >
          My account
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => signOut().catch((err: unknown) => toast.error(errorMessage(err)))}
        >
          Sign out
        </button>
      </header>
      {/* Shown while the board loads too, so the board does not jump down when it arrives. */}
      {view === 'board' && (
        <FilterBar
          filters={filters}
          user={user}
          shown={counts.shown}
          total={counts.total}
          hasOwnLanes={
            data ? data.lanes.some((l) => l.department !== null && user.departments.includes(l.department)) : user.departments.length > 0
          }
        />
      )}
      <main id="main" tabIndex={-1} className={`main ${cardId ? 'has-drawer' : ''}`}>
        <Suspense fallback={<LoadingState text="Loading…" />}>
          {view === 'account' ? (
            <AccountView user={user} />
          ) : status === 'error' && !data ? (
            <ErrorState text={`The board could not be loaded: ${error ?? 'unknown error'}`} onRetry={() => live.current?.reload()} />
          ) : !data ? (
            <LoadingState text="Loading the board…" />
          ) : view === 'cards' ? (
            <CardsView lanes={data.lanes} />
          ) : view === 'manager' ? (
            <ManagerView />
          ) : view === 'admin' ? (
            <AdminView lanes={data.lanes} user={user} />
          ) : data.lanes.length === 0 ? (
            <EmptyState>The pipeline has no lanes yet. An admin sets them up.</EmptyState>
          ) : (
            <Board lanes={data.lanes} cards={data.cards} user={user} filters={filters} />
          )}
        </Suspense>
        {cardId && (
          <Suspense fallback={null}>
            <CardDrawer key={cardId} cardId={cardId} user={user} />
          </Suspense>
        )}
      </main>
      {creating && (
        <Suspense fallback={null}>
          <NewCardDialog onClose={() => setCreating(false)} />
        </Suspense>
      )}
      <Suspense fallback={null}>
        {refusal && <MissingItemsPanel key={`${refusal.cardId}:${refusal.toLaneId}`} refusal={refusal} user={user} />}
        {pendingBack && <BackMoveDialog cardId={pendingBack.cardId} toLaneId={pendingBack.toLaneId} />}
        {conflict && <ConflictDialog conflict={conflict} />}
      </Suspense>
    </div>
  );
}

type View = 'board' | 'manager' | 'admin' | 'account' | 'cards';

/** A header tab; `view` null is the board (no `view` parameter). */
function ViewTab({ view, current, label }: { view: Exclude<View, 'board' | 'account'> | null; current: View; label: string }) {
  const active = current === (view ?? 'board');
  return (
    <button
      type="button"
      className={`tab ${active ? 'is-active' : ''}`}
      aria-current={active ? 'page' : undefined}
      onClick={() => setParams({ view }, true)}
    >
      {label}
    </button>
  );
}

const ADMIN_SECTIONS: Record<string, string> = { people: 'People', departments: 'Departments', settings: 'Settings', audit: 'Audit log' };

/** The view's name, for the window's title and the page's h1. */
function viewTitle(view: View, section: string | null): string {
  if (view === 'manager') return 'Manager';
  if (view === 'cards') return 'Cards';
  if (view === 'account') return 'My account';
  if (view === 'admin') return `Admin: ${(section && ADMIN_SECTIONS[section]) ?? 'Lanes & checklists'}`;
  return 'Board';
}
