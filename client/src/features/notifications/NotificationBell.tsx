import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState } from 'react';
import { NOTIFICATION_KINDS, type CardSummary, type Notification } from '@relay/shared';
import { errorMessage } from '../../api/http';
import { useBoardStore } from '../../realtime/board-store';
import { usePipelineNow } from '../../realtime/clock';
import { toast } from '../../ui/toast-store';
import { openCard } from '../../utils/url-state';
import { KIND_INFO } from './kinds';
import { KindIcon } from './KindIcon';
import { useNotifications } from './notification-store';
import { keepForFilter, urgentFirst, URGENT_KINDS, type BellFilter } from './utils/bell-order';
import { groupByCard, timeAgo, type NotificationGroup } from './utils/group-by-card';
import './notifications.css';

// Loaded on demand: not part of the board's first load.
const NotificationSettings = lazy(() => import('./NotificationSettings').then((m) => ({ default: m.NotificationSettings })));

const reportError = (err: unknown) => toast.error(errorMessage(err));

/** The bell: live unread count; notifications grouped by card open the card and are marked read. */
export function NotificationBell() {
  const items = useNotifications((s) => s.items);
  const unread = useNotifications((s) => s.unread);
  const [open, setOpen] = useState(false);
  const [settings, setSettings] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => wrap.current && !wrap.current.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      // Handled here: the open card behind the panel stays open.
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const markAll = () => void useNotifications.getState().markAllRead().catch(reportError);
  return (
    <div className="bell" ref={wrap}>
      <button
        ref={button}
        type="button"
        className="icon-button bell-button"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" role="region" aria-label="Notifications">
          <header>
            <strong>Notifications</strong>
            <span className="bell-actions">
              <button type="button" className="link-button" disabled={unread === 0} onClick={markAll}>
                Mark all read
              </button>
              <button
                type="button"
                className="icon-button bell-settings-button"
                aria-label="Notification settings"
                title="Notification settings"
                onClick={() => (setOpen(false), setSettings(true))}
              >
                <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
                  <path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0" strokeLinecap="round" />
                  <circle cx="16" cy="6" r="2" />
                  <circle cx="10" cy="12" r="2" />
                  <circle cx="18" cy="18" r="2" />
                </svg>
              </button>
            </span>
          </header>
          <BellList items={items} onDone={() => setOpen(false)} />
        </div>
      )}
      {settings && (
        <Suspense fallback={null}>
          <NotificationSettings onClose={() => (setSettings(false), button.current?.focus())} />
        </Suspense>
      )}
    </div>
  );
}

function BellList({ items, onDone }: { items: Notification[]; onDone(): void }) {
  const loaded = useNotifications((s) => s.loaded);
  const error = useNotifications((s) => s.error);
  const cards = useBoardStore((s) => s.data?.cards);
  const nowMs = usePipelineNow();
  const [filter, setFilter] = useState<BellFilter>('all');
  // Escalations and stuck cards above everything else; a filter by kind.
  const groups = useMemo(() => urgentFirst(groupByCard(keepForFilter(items, filter))), [items, filter]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  if (items.length === 0) {
    if (error && !loaded) {
      return (
        <div className="bell-empty" role="alert">
          <p>Notifications could not be loaded: {error}</p>
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              void useNotifications
                .getState()
                .load()
                .catch(() => undefined)
            }
          >
            Try again
          </button>
        </div>
      );
    }
    return (
      <div className="bell-empty">
        <KindIcon kind="card_arrived" />
        <p className="muted">{loaded ? 'Nothing yet. Handoffs, reminders and stuck cards show up here.' : 'Loading notifications…'}</p>
      </div>
    );
  }

  const toggle = (key: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const openGroup = (g: NotificationGroup) => {
    onDone();
    if (g.cardId) {
      openCard(g.cardId);
      void useNotifications.getState().markCardRead(g.cardId).catch(reportError);
    } else void useNotifications.getState().markRead(g.latest.id).catch(reportError);
  };
  const openOne = (n: Notification) => {
    onDone();
    if (n.cardId) openCard(n.cardId);
    void useNotifications.getState().markRead(n.id).catch(reportError);
  };

  return (
    <>
      <label className="bell-filter">
        <span>Show</span>
        <select value={filter} onChange={(e) => setFilter(e.target.value as BellFilter)}>
          <option value="all">Everything</option>
          <option value="urgent">Escalations and stuck cards</option>
          {NOTIFICATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_INFO[k].setting}
            </option>
          ))}
        </select>
      </label>
      {groups.length === 0 && <p className="bell-empty muted">Nothing of this kind.</p>}
      <ul className="bell-groups">
        {groups.map((g) => (
          <GroupRow
            key={g.key}
            group={g}
            card={g.cardId ? cards?.[g.cardId] : undefined}
            nowMs={nowMs}
            expanded={expanded.has(g.key)}
            onToggle={() => toggle(g.key)}
            onOpen={() => openGroup(g)}
            onOpenOne={openOne}
          />
        ))}
      </ul>
    </>
  );
}

interface GroupRowProps {
  group: NotificationGroup;
  card: CardSummary | undefined;
  nowMs: number;
  expanded: boolean;
  onToggle(): void;
  onOpen(): void;
  onOpenOne(n: Notification): void;
}

function GroupRow({ group, card, nowMs, expanded, onToggle, onOpen, onOpenOne }: GroupRowProps) {
  const listId = useId();
  const { latest, items } = group;
  const many = items.length > 1;
  const about = card?.title ?? 'this card';
  return (
    <li
      className={`bell-group ${items.some((n) => URGENT_KINDS.includes(n.kind)) ? 'is-urgent' : ''}`}
      data-card-id={group.cardId ?? undefined}
    >
      <div className={`bell-row ${group.unread > 0 ? 'is-unread' : ''}`}>
        <button type="button" className="bell-open" onClick={onOpen}>
          <KindIcon kind={latest.kind} />
          <span className="bell-body">
            <span className="bell-meta">
              {KIND_INFO[latest.kind]?.label ?? latest.kind} · <time dateTime={latest.at}>{timeAgo(latest.at, nowMs)}</time>
            </span>
            <span className="bell-text">{latest.text}</span>
          </span>
        </button>
        {many && (
          <button
            type="button"
            className={`bell-more ${group.unread > 0 ? 'has-unread' : ''}`}
            aria-expanded={expanded}
            aria-controls={listId}
            aria-label={`${items.length} notifications about ${about}${group.unread > 0 ? `, ${group.unread} unread` : ''}`}
            onClick={onToggle}
          >
            {items.length}
            <span className="bell-chevron" aria-hidden="true">
              {expanded ? '▴' : '▾'}
            </span>
          </button>
        )}
      </div>
      {many && expanded && (
        <ul id={listId} className="bell-sub">
          {items.map((n) => (
            <li key={n.id}>
              <button type="button" className={`bell-subitem ${n.read ? '' : 'is-unread'}`} onClick={() => onOpenOne(n)}>
                <span className="bell-meta">
                  {KIND_INFO[n.kind]?.label ?? n.kind} · <time dateTime={n.at}>{timeAgo(n.at, nowMs)}</time>
                </span>
                <span className="bell-text">{n.text}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
