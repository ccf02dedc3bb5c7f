import type { ChecklistTemplateItem, Lane, Role, User } from '../domain.js';

type Actor = Pick<User, 'role' | 'departments'>;
type LaneAccess = Pick<Lane, 'department' | 'role' | 'terminal'>;

/** Roles that may work any lane, besides the lane's own department. */
const CROSS_LANE_ROLES: readonly Role[] = ['supervisor', 'manager', 'admin'];

/** May this person tick the lane's items and move a card out of it? */
export function canWorkLane(user: Actor, lane: LaneAccess): boolean {
  if (lane.terminal) return false;
  if (CROSS_LANE_ROLES.includes(user.role)) return true;
  if (lane.department === null || !user.departments.includes(lane.department)) return false;
  return !lane.role || lane.role === user.role;
}

/**
 * May this person take the lane's handoff ("I've got it")? Only a member of the lane's department (with the
 * lane's role, when it has one): supervisors, managers and admins from elsewhere work the lane and assign it,
 * but a pickup says who in the department holds the card.
 */
export function canPickUp(user: Actor, lane: LaneAccess): boolean {
  if (lane.terminal || lane.department === null || !user.departments.includes(lane.department)) return false;
  return !lane.role || lane.role === user.role;
}

/** May this person complete (or clear) the item in its lane? Role-restricted items need that role, or admin. */
export function canCompleteItem(user: Actor, lane: LaneAccess, item: Pick<ChecklistTemplateItem, 'role'>): boolean {
  if (!canWorkLane(user, lane)) return false;
  return !item.role || item.role === user.role || user.role === 'admin';
}

/** Who may complete the item, for a "missing" list: department and role. */
export function itemOwner(lane: LaneAccess, item: Pick<ChecklistTemplateItem, 'role'>): { department: string | null; role: Role | null } {
  return { department: lane.department, role: item.role ?? lane.role ?? null };
}

/**
 * May this person share the card with its customer (create, replace or revoke the tracker link)? The owners
 * of the card's lane, and supervisors, managers and admins whatever the lane (a closed card included).
 */
export function canShareCard(user: Actor, lane: Pick<Lane, 'department' | 'role'>): boolean {
  if (CROSS_LANE_ROLES.includes(user.role)) return true;
  if (lane.department === null || !user.departments.includes(lane.department)) return false;
  return !lane.role || lane.role === user.role;
}

/** Sales reps, managers and admins create onboardings (and anyone in the sales department). */
export function canCreateCard(user: Actor): boolean {
  return user.role === 'sales' || user.role === 'manager' || user.role === 'admin' || user.departments.includes('sales');
}

/** Managers and admins reassign any card; the lane's workers may assign within their lane. */
export function canAssign(user: Actor, lane: LaneAccess): boolean {
  return user.role === 'manager' || user.role === 'admin' || canWorkLane(user, lane);
}

/** The sales-form fields: editable by the lane's workers, sales, managers and admins. */
export function canEditDetails(user: Actor, lane: LaneAccess): boolean {
  return canCreateCard(user) || canWorkLane(user, lane);
}

export function isAdmin(user: Pick<User, 'role'>): boolean {
  return user.role === 'admin';
}

export function isManager(user: Pick<User, 'role'>): boolean {
  return user.role === 'manager' || user.role === 'admin';
}

/** The manager view (`GET /api/metrics`, `GET /api/stuck`): supervisors follow up on stuck cards too. */
export const METRICS_ROLES: readonly Role[] = ['supervisor', 'manager', 'admin'];

export function canSeeMetrics(user: Pick<User, 'role'>): boolean {
  return METRICS_ROLES.includes(user.role);
}
