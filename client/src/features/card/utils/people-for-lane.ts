import type { User } from '@relay/shared';

/** The people of the lane's department first (each group in name order), then everyone else. */
export function peopleForLane<P extends Pick<User, 'name' | 'departments'>>(
  people: readonly P[],
  department: string | null,
): { department: P[]; others: P[] } {
  const byName = (a: P, b: P) => a.name.localeCompare(b.name);
  const inDept = department ? people.filter((p) => p.departments.includes(department)) : [];
  return { department: inDept.sort(byName), others: people.filter((p) => !inDept.includes(p)).sort(byName) };
}
