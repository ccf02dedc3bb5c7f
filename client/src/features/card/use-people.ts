import type { Role, User } from '@relay/shared';
import { useEffect, useState } from 'react';
import { fetchUsers } from '../../api/people';

const cache = new Map<string, Promise<User[]>>();

/** People to pick from, by role (cached per role for the session of the page). */
export function usePeople(role: Role | null | undefined): { people: User[]; loading: boolean; error: string | null } {
  const key = role ?? '';
  const [state, setState] = useState<{ key: string; people: User[]; error: string | null; loading: boolean }>({
    key,
    people: [],
    error: null,
    loading: true,
  });
  useEffect(() => {
    let alive = true;
    let p = cache.get(key);
    if (!p) {
      p = fetchUsers({ role: role ?? null });
      cache.set(key, p);
      p.catch(() => cache.delete(key));
    }
    p.then(
      (people) => alive && setState({ key, people: people.filter((u) => u.active !== false), error: null, loading: false }),
      () => alive && setState({ key, people: [], error: 'Could not load people', loading: false }),
    );
    return () => {
      alive = false;
    };
  }, [key, role]);
  return state.key === key ? state : { people: [], loading: true, error: null };
}

/** For tests: forget cached people lists. */
export function clearPeopleCache(): void {
  cache.clear();
}
