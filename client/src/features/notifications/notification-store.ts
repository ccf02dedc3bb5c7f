import type { Notification } from '@relay/shared';
import { create } from 'zustand';
import { notificationsApi } from '../../api/people';

interface NotificationStore {
  items: Notification[];
  unread: number;
  loaded: boolean;
  load(): Promise<void>;
  /** A live `notification` event; `unread` is the server's count when given. */
  arrived(n: Notification, unread?: number): void;
  markRead(id: string): Promise<void>;
  markAllRead(): Promise<void>;
  reset(): void;
}

export const useNotifications = create<NotificationStore>()((set, get) => ({
  items: [],
  unread: 0,
  loaded: false,
  load: async () => {
    const list = await notificationsApi.list();
    set({ items: list.items, unread: list.unread, loaded: true });
  },
  arrived: (n, unread) => {
    const { items } = get();
    if (items.some((i) => i.id === n.id)) return;
    set({ items: [n, ...items].slice(0, 100), unread: typeof unread === 'number' ? unread : get().unread + (n.read ? 0 : 1) });
  },
  markRead: async (id) => {
    const item = get().items.find((i) => i.id === id);
    if (!item || item.read) return;
    set({ items: get().items.map((i) => (i.id === id ? { ...i, read: true } : i)), unread: Math.max(0, get().unread - 1) });
    await notificationsApi.read(id);
  },
  markAllRead: async () => {
    set({ items: get().items.map((i) => ({ ...i, read: true })), unread: 0 });
    await notificationsApi.readAll();
  },
  reset: () => set({ items: [], unread: 0, loaded: false }),
}));
