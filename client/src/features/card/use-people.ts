import type { Role, User } from '@relay/shared';
import { useEffect } from 'react';
import { create } from 'zustand';
import { fetchUsers } from '../../api/people';

export interface PeopleList {
  people: User[];
  loading: boolean;
  error: string | null;
}

interface PeopleStore {
  /** Active people by role ('' for everyone), read once per page. */
  lists: Record<string, PeopleList>;
  /** Reads the list for `role` unless it is held or on its way; a failed read is tried again. */
  load(role: Role | null): void;
  reset(): void;
}

const LOADING: PeopleList = { people: [], loading: true, error: null };

export const usePeopleStore = create<PeopleStore>()((set, get) => ({
  lists: {},
  load: (role) => {
    const key = role ?? '';
    const held = get().lists[key];
    if (held && !held.error) return;
    const put = (list: PeopleList) => set({ lists: { ...get().lists, [key]: list } });
    put(LOADING);
    fetchUsers({ role }).then(
      (people) => put({ people: people.filter((u) => u.active !== false), error: null, loading: false }),
      () => put({ people: [], error: 'Could not load people', loading: false }),
    );
  },
  reset: () => set({ lists: {} }),
}));

/** People to pick from, by role (read once per role for the page, from the people store). */
export function usePeople(role: Role | null | undefined): PeopleList {
  const key = role ?? '';
  const list = usePeopleStore((s) => s.lists[key]);
  useEffect(() => usePeopleStore.getState().load(role ?? null), [role]);
  return list ?? LOADING;
}
