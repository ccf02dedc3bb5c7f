import { matchesSearch, RISK_FLAGS, type CardSummary, type Lane, type RiskFlag, type User } from '@relay/shared';

export interface BoardFilters {
  myDepartment: boolean;
  assignedToMe: boolean;
  atRisk: boolean;
  stuck: boolean;
  flag: RiskFlag | null;
  search: string;
}

/** Query-string names, kept short so links stay readable. */
const KEYS = { myDepartment: 'dept', assignedToMe: 'mine', atRisk: 'risk', stuck: 'stuck', flag: 'flag', search: 'q' } as const;

export function parseFilters(params: URLSearchParams): BoardFilters {
  const flag = params.get(KEYS.flag);
  return {
    myDepartment: params.get(KEYS.myDepartment) === '1',
    assignedToMe: params.get(KEYS.assignedToMe) === '1',
    atRisk: params.get(KEYS.atRisk) === '1',
    stuck: params.get(KEYS.stuck) === '1',
    flag: RISK_FLAGS.find((f) => f === flag) ?? null,
    search: params.get(KEYS.search) ?? '',
  };
}

/** The query-string changes for a filter change (null removes). */
export function filterParams(change: Partial<BoardFilters>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(change) as [keyof BoardFilters, BoardFilters[keyof BoardFilters]][]) {
    out[KEYS[k]] = typeof v === 'boolean' ? (v ? '1' : null) : v || null;
  }
  return out;
}

export function hasFilters(f: BoardFilters): boolean {
  return f.myDepartment || f.assignedToMe || f.atRisk || f.stuck || f.flag !== null || f.search.trim() !== '';
}

/**
 * A predicate for cards passing every active filter. "At risk" and "stuck only" together show
 * both kinds of trouble. The search finds words or word beginnings, ignoring case and accents.
 */
export function cardMatcher(f: BoardFilters, user: Pick<User, 'id' | 'departments'>, lanes: readonly Lane[]): (c: CardSummary) => boolean {
  const myLanes = new Set(lanes.filter((l) => l.department !== null && user.departments.includes(l.department)).map((l) => l.id));
  const healths = new Set([...(f.atRisk ? ['at_risk'] : []), ...(f.stuck ? ['stuck'] : [])]);
  return (c) => {
    if (f.myDepartment && !myLanes.has(c.laneId)) return false;
    if (f.assignedToMe && c.assignee?.id !== user.id && c.pickedUpBy?.id !== user.id) return false;
    if (healths.size > 0 && !healths.has(c.health)) return false;
    if (f.flag && c.riskFlag !== f.flag) return false;
    // The list's search rule (shared matchesSearch); a summary carries the customer's name (its title) but not the
    // contact, address or notes the Cards view also searches.
    return matchesSearch([c.title], f.search);
  };
}
