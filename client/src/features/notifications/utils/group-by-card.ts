import type { Notification } from '@relay/shared';

export interface NotificationGroup {
  /** Stable per card (or per notification when it concerns no card). */
  key: string;
  cardId: string | null;
  /** Newest first. */
  items: Notification[];
  latest: Notification;
  unread: number;
}

const newestFirst = (a: Notification, b: Notification) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);

/** One group per card, newest activity first; notifications about no card stay on their own. */
export function groupByCard(items: readonly Notification[]): NotificationGroup[] {
  const groups = new Map<string, Notification[]>();
  for (const n of [...items].sort(newestFirst)) {
    const key = n.cardId ? `card:${n.cardId}` : `note:${n.id}`;
    const list = groups.get(key);
    if (list) list.push(n);
    else groups.set(key, [n]);
  }
  return [...groups].map(([key, list]) => ({
    key,
    cardId: list[0]!.cardId,
    items: list,
    latest: list[0]!,
    unread: list.filter((n) => !n.read).length,
  }));
}

/** "just now", "25m ago", "3h ago", "2d ago" — from the pipeline's clock. */
export function timeAgo(iso: string, nowMs: number): string {
  const minutes = Math.floor((nowMs - Date.parse(iso)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes}m ago`;
  if (minutes < 1440) return `${Math.floor(minutes / 60)}h ago`;
  return `${Math.floor(minutes / 1440)}d ago`;
}
