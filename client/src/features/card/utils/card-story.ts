import { satisfiesGate, type Card, type CardEvent, type Role } from '@relay/shared';
import { roleName } from '../../../utils/card-summary';

const MOVES = new Set(['moved', 'sent_back', 'move_undone']);

/**
 * "Returned from ‹lane›: ‹reason›" while a sent-back card has not moved on: the card's latest move is a
 * send-back into this very lane visit.
 */
export function returnedFrom(events: readonly CardEvent[], card: Pick<Card, 'laneVisit'>): { from: string; reason: string } | null {
  const last = [...events].reverse().find((e) => MOVES.has(e.type));
  if (!last || last.type !== 'sent_back' || last.data.visit !== card.laneVisit) return null;
  const from =
    typeof last.data.fromName === 'string' ? last.data.fromName : typeof last.data.from === 'string' ? last.data.from : 'a later lane';
  return { from, reason: typeof last.data.reason === 'string' ? last.data.reason : '' };
}

/**
 * The role the card waits for: every required item still missing in its lane is restricted to one role
 * (e.g. the manager's "Go-live approved") — "Waiting for manager approval".
 */
export function waitingForRole(card: Pick<Card, 'laneId' | 'checklists'>): Role | null {
  const current = card.checklists.find((c) => c.laneId === card.laneId);
  const missing = (current?.items ?? []).filter((i) => i.required && !i.retired && !satisfiesGate(i, i.value));
  const roles = new Set(missing.map((i) => i.role ?? null));
  if (missing.length === 0 || roles.size !== 1 || roles.has(null)) return null;
  return [...roles][0] as Role;
}

export function waitingText(role: Role): string {
  return role === 'manager' ? 'Waiting for manager approval' : `Waiting for ${roleName(role)} sign-off`;
}
