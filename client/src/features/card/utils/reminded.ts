import type { Department, Lane, Role, UserRef } from '@relay/shared';
import { departmentName, roleName } from '../../../utils/card-summary';

/**
 * Who a reminder reaches, in words, as the server sends it (StuckService.remind): the card's assignee, and
 * the lane's department (its members with the item's or lane's role) — or the managers for a manager's item.
 */
export function remindedText(
  lane: Pick<Lane, 'department' | 'role'>,
  assignee: UserRef | null,
  itemRole: Role | null = null,
  departments?: readonly Department[],
): string {
  const role = itemRole ?? lane.role ?? null;
  const group =
    role === 'manager'
      ? 'the senior operations managers'
      : role
        ? `${departmentName(lane.department, departments)} (${roleName(role)}s)`
        : departmentName(lane.department, departments);
  return assignee ? `${assignee.name} and ${group}` : group;
}
