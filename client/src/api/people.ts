import type { MetricsResponse, Notification, NotificationList, NotificationPreferences, Role, StuckCard, User } from '@relay/shared';
import { isRecord } from '../utils/is-record';
import { api } from './http';

export function fetchUsers(filter: { role?: Role | null; department?: string | null } = {}): Promise<User[]> {
  const q = new URLSearchParams();
  if (filter.role) q.set('role', filter.role);
  if (filter.department) q.set('department', filter.department);
  const qs = q.toString();
  return api.get<unknown>(`/api/users${qs ? `?${qs}` : ''}`).then((body) => listOf<User>(body, 'users'));
}

export const notificationsApi = {
  list: () => api.get<NotificationList>('/api/notifications').then(normaliseNotifications),
  read: (id: string) => api.post<void>(`/api/notifications/${encodeURIComponent(id)}/read`),
  readAll: () => api.post<void>('/api/notifications/read-all'),
  preferences: () => api.get<NotificationPreferences>('/api/me/preferences'),
  savePreferences: (prefs: NotificationPreferences) => api.put<NotificationPreferences>('/api/me/preferences', prefs),
};

function normaliseNotifications(body: unknown): NotificationList {
  const items = listOf<Notification>(body, 'items');
  const unread = isRecord(body) && typeof body.unread === 'number' ? body.unread : items.filter((n) => !n.read).length;
  return { items, unread };
}

export const managerApi = {
  metrics: () => api.get<MetricsResponse>('/api/metrics'),
  stuck: () => api.get<unknown>('/api/stuck').then((body) => listOf<StuckCard>(body, 'cards')),
};

/** Accepts a bare array or `{<key>: [...]}` / `{items: [...]}`, so a wrapped list does not break the page. */
function listOf<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  if (isRecord(body)) {
    const v = body[key] ?? body.items;
    if (Array.isArray(v)) return v as T[];
  }
  return [];
}
