import type { Notification, NotificationKind } from '@relay/shared';
import type { NotificationGroup } from './group-by-card';

/** Kinds that need someone now: shown above everything else in the bell. */
export const URGENT_KINDS: readonly NotificationKind[] = ['escalated', 'stuck'];

/** The bell's filter: everything, what needs someone now, or one kind. */
export type BellFilter = 'all' | 'urgent' | NotificationKind;

export function keepForFilter(items: readonly Notification[], filter: BellFilter): Notification[] {
  if (filter === 'all') return [...items];
  if (filter === 'urgent') return items.filter((n) => URGENT_KINDS.includes(n.kind));
  return items.filter((n) => n.kind === filter);
}

/** Cards with an escalation or a stuck notice first (newest first among them), then the rest as they were. */
export function urgentFirst(groups: readonly NotificationGroup[]): NotificationGroup[] {
  const urgent = (g: NotificationGroup) => g.items.some((n) => URGENT_KINDS.includes(n.kind));
  return [...groups.filter(urgent), ...groups.filter((g) => !urgent(g))];
}
