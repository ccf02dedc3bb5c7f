import type { ChecklistTemplateItem, ItemValue, Lane, MissingItem } from '../domain.js';
import { itemOwner } from './access.js';
import { satisfiesGate } from './values.js';

type GateLane = Pick<Lane, 'id' | 'department' | 'role' | 'terminal'> & { checklist: ChecklistTemplateItem[] };

/** Items that count towards a lane's gate: required and not retired, in checklist (position) order. */
export function gateItems(lane: Pick<Lane, 'checklist'>): ChecklistTemplateItem[] {
  // Sorted here because callers pass rows as loaded; the "missing" list must follow the checklist's order.
  return lane.checklist.filter((i) => i.required && !i.retired).sort((a, b) => a.position - b.position);
}

/** The required items of the lane that still lack a value satisfying the gate, in checklist order. */
export function missingItems(lane: GateLane, values: ReadonlyMap<string, ItemValue | null>): MissingItem[] {
  return gateItems(lane)
    .filter((item) => !satisfiesGate(item, values.get(item.id)))
    .map((item) => {
      const owner = itemOwner(lane, item);
      return { itemId: item.id, label: item.label, department: owner.department, role: owner.role };
    });
}

/** Progress of the lane's gate: done of required. */
export function gateProgress(
  lane: Pick<Lane, 'checklist'>,
  values: ReadonlyMap<string, ItemValue | null>,
): { done: number; required: number } {
  const items = gateItems(lane);
  return { done: items.filter((i) => satisfiesGate(i, values.get(i.id))).length, required: items.length };
}

export type TransitionKind = 'forward' | 'back';

export type TransitionCheck = { ok: true; kind: TransitionKind } | { ok: false; code: 'INVALID_TRANSITION'; message: string };

/** The lane after `from` by position: the only one a card moves forward to (none after the last). */
export function nextLane<L extends Pick<Lane, 'position'>>(from: Pick<Lane, 'position'>, lanes: readonly L[]): L | null {
  let next: L | null = null;
  for (const l of lanes) if (l.position > from.position && (!next || l.position < next.position)) next = l;
  return next;
}

/**
 * Where a card may go from its lane, by lane positions: forward only to the next lane,
 * back to any earlier lane with a reason, never out of the terminal lane.
 */
export function checkTransition(
  from: Pick<Lane, 'position' | 'terminal' | 'name'>,
  to: Pick<Lane, 'position' | 'name'>,
  lanes: readonly Pick<Lane, 'position'>[],
  reason?: string | null,
): TransitionCheck {
  if (from.terminal) return { ok: false, code: 'INVALID_TRANSITION', message: `A card in ${from.name} is closed and cannot move` };
  if (to.position === from.position) return { ok: false, code: 'INVALID_TRANSITION', message: `The card is already in ${to.name}` };
  if (to.position > from.position) {
    if (to.position !== nextLane(from, lanes)?.position)
      return { ok: false, code: 'INVALID_TRANSITION', message: `A card moves forward only to the next lane, not to ${to.name}` };
    return { ok: true, kind: 'forward' };
  }
  if (!reason || reason.trim() === '') return { ok: false, code: 'INVALID_TRANSITION', message: 'Sending a card back needs a reason' };
  return { ok: true, kind: 'back' };
}

/** Lanes a card in `from` may be dropped on, for instant feedback while dragging. */
export function allowedTargets<L extends Pick<Lane, 'position' | 'terminal' | 'name' | 'id'>>(
  from: L,
  lanes: readonly L[],
): { forward: L | null; back: L[] } {
  if (from.terminal) return { forward: null, back: [] };
  return {
    forward: nextLane(from, lanes),
    back: [...lanes].sort((a, b) => a.position - b.position).filter((l) => l.position < from.position),
  };
}

export type { GateLane };
