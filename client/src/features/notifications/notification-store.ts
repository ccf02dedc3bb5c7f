import { unreadAfterPush, type Notification } from '@relay/shared';
import { create } from 'zustand';
import { errorMessage } from '../../api/http';
import { notificationsApi } from '../../api/people';

interface NotificationStore {
  items: Notification[];
  unread: number;
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** A live `notification` event; `unread` is the server's count when given. */
  arrived(n: Notification, unread?: number): void;
  markRead(id: string): Promise<void>;
  /** Marks every unread notification about the card read (the bell's row for that card was opened). */
  markCardRead(cardId: string): Promise<void>;
  markAllRead(): Promise<void>;
  reset(): void;
}

const MAX_ITEMS = 100;

const newestFirst = (a: Notification, b: Notification) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);

export const useNotifications = create<NotificationStore>()((set, get) => {
  /**
   * Reads on their way to the server. While any is, a live event's `unread` may or may not include
   * them (it was counted when the notification was written), so the count is kept locally and the
   * list re-read once they settle (`stale`).
   */
  const pending = new Set<string>();
  let stale = false;

  /** Optimistically marks `ids` read and takes `count` off the unread count; puts both back if `send` fails. */
  async function markReadWith(ids: string[], count: number, send: () => Promise<unknown>): Promise<void> {
    const targets = new Set(ids);
    const taken = Math.min(count, get().unread);
    set((s) => ({ items: s.items.map((i) => (targets.has(i.id) ? { ...i, read: true } : i)), unread: s.unread - taken }));
    ids.forEach((id) => pending.add(id));
    try {
      await send();
    } catch (err) {
      set((s) => ({ items: s.items.map((i) => (targets.has(i.id) ? { ...i, read: false } : i)), unread: s.unread + taken }));
      // Some of several reads may have gone through: ask the server.
      stale = true;
      throw err;
    } finally {
      ids.forEach((id) => pending.delete(id));
      if (pending.size === 0 && stale) {
        stale = false;
        void get()
          .load()
          .catch(() => undefined);
      }
    }
  }

  return {
    items: [],
    unread: 0,
    loaded: false,
    error: null,
    load: async () => {
      let list;
      try {
        list = await notificationsApi.list();
      } catch (err) {
        set({ error: errorMessage(err) });
        throw err;
      }
      const serverIds = new Set(list.items.map((i) => i.id));
      const newest = list.items[0]?.at ?? '';
      // Pushed while the list was being read: newer than anything in it, so keep them.
      const live = get().items.filter((i) => !serverIds.has(i.id) && i.at >= newest);
      const stillPending = list.items.filter((i) => !i.read && pending.has(i.id)).length;
      set({
        items: [...live, ...list.items.map((i) => (pending.has(i.id) ? { ...i, read: true } : i))].sort(newestFirst).slice(0, MAX_ITEMS),
        unread: Math.max(0, list.unread - stillPending) + live.filter((i) => !i.read).length,
        loaded: true,
        error: null,
      });
    },
    arrived: (n, unread) => {
      const { items } = get();
      if (items.some((i) => i.id === n.id)) return;
      const next = [n, ...items].sort(newestFirst).slice(0, MAX_ITEMS);
      if (typeof unread === 'number' && pending.size === 0) return set({ items: next, unread: unreadAfterPush(unread, get().unread) });
      if (typeof unread === 'number') stale = true;
      set({ items: next, unread: get().unread + (n.read ? 0 : 1) });
    },
    markRead: async (id) => {
      const item = get().items.find((i) => i.id === id);
      if (!item || item.read) return;
      await markReadWith([id], 1, () => notificationsApi.read(id));
    },
    markCardRead: async (cardId) => {
      const ids = get()
        .items.filter((i) => i.cardId === cardId && !i.read)
        .map((i) => i.id);
      if (ids.length === 0) return;
      await markReadWith(ids, ids.length, () => Promise.all(ids.map((id) => notificationsApi.read(id))));
    },
    markAllRead: async () => {
      const ids = get()
        .items.filter((i) => !i.read)
        .map((i) => i.id);
      if (ids.length === 0 && get().unread === 0) return;
      // The server's count may include notifications older than the hundred held here.
      await markReadWith(ids, get().unread, () => notificationsApi.readAll());
    },
    reset: () => {
      pending.clear();
      stale = false;
      set({ items: [], unread: 0, loaded: false, error: null });
    },
  };
});
