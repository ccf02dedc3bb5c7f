import { useEffect, useRef, useState } from 'react';
import type { Notification } from '@relay/shared';
import { errorMessage } from '../../api/http';
import { toast } from '../../ui/toast-store';
import { openCard } from '../../utils/url-state';
import { useNotifications } from './notification-store';

function ago(iso: string): string {
  return new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The bell: unread count, live; the list opens a card and marks it read. */
export function NotificationBell() {
  const { items, unread, markRead, markAllRead } = useNotifications();
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => wrap.current && !wrap.current.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  function choose(n: Notification) {
    setOpen(false);
    if (n.cardId) openCard(n.cardId);
    markRead(n.id).catch((err: unknown) => toast.error(errorMessage(err)));
  }

  return (
    <div className="bell" ref={wrap}>
      <button
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
            <button
              type="button"
              className="link-button"
              disabled={unread === 0}
              onClick={() => markAllRead().catch((err: unknown) => toast.error(errorMessage(err)))}
            >
              Mark all read
            </button>
          </header>
          {items.length === 0 ? (
            <p className="muted bell-empty">Nothing yet. Handoffs, reminders and stuck cards show up here.</p>
          ) : (
            <ul>
              {items.map((n) => (
                <li key={n.id}>
                  <button type="button" className={`bell-item ${n.read ? '' : 'is-unread'}`} onClick={() => choose(n)}>
                    <span>{n.text}</span>
                    <span className="muted small">{ago(n.at)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
