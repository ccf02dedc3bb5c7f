import { allowedTargets, canWorkLane, gateItems, positionAfter, type CardSummary, type Lane, type User } from '@relay/shared';

export type DropVerdict = 'same' | 'forward' | 'back' | 'refused';

type Actor = Pick<User, 'role' | 'departments'>;

/** May this person pick the card up and drag it out of its lane? */
export function canDragFrom(user: Actor, lane: Lane | undefined): boolean {
  return !!lane && canWorkLane(user, lane);
}

/**
 * How each lane would take a card from `fromLane`: the next lane takes it forward, earlier lanes take it
 * back (with a reason), anything else — skipping ahead, out of Done, or a lane this person cannot work
 * from — refuses it.
 */
export function dropVerdicts(fromLane: Lane, lanes: readonly Lane[], user: Actor): Record<string, DropVerdict> {
  const out: Record<string, DropVerdict> = {};
  const movable = canDragFrom(user, fromLane);
  const targets = allowedTargets(fromLane, [...lanes]);
  const back = new Set(targets.back.map((l) => l.id));
  for (const lane of lanes) {
    if (lane.id === fromLane.id) out[lane.id] = 'same';
    else if (!movable) out[lane.id] = 'refused';
    else if (targets.forward?.id === lane.id) out[lane.id] = 'forward';
    else out[lane.id] = back.has(lane.id) ? 'back' : 'refused';
  }
  return out;
}

/** Why a lane refuses the card, for a toast and the screen-reader announcement. */
export function refusalReason(fromLane: Lane, toLane: Lane, user: Actor): string {
  if (fromLane.terminal) return `${fromLane.name} is the end of the pipeline; cards there are closed.`;
  if (!canDragFrom(user, fromLane)) return `Only ${fromLane.name}'s team can move this card on.`;
  return `A card moves forward only to the next lane, not to ${toLane.name}.`;
}

/**
 * The card as it will look once the move succeeds: in the new lane, last, just arrived, and with the
 * lane's checklist size. The server's answer replaces it.
 */
export function optimisticMove(card: CardSummary, toLane: Lane, laneCards: readonly CardSummary[], nowIso: string): CardSummary {
  return {
    ...card,
    laneId: toLane.id,
    laneKey: toLane.key,
    position: positionAfter(laneCards.filter((c) => c.id !== card.id).map((c) => c.position)),
    enteredLaneAt: nowIso,
    health: 'ok',
    overdueMinutes: 0,
    checklistDone: 0,
    checklistRequired: gateItems(toLane).length,
    pickedUpBy: null,
    pickedUpAt: null,
  };
}

/**
 * What to put back when the server refuses a move: the snapshot, unless the card has meanwhile
 * changed for real (a newer version arrived live) — then the newer card stays.
 */
export function rollbackMove(current: CardSummary | undefined, snapshot: CardSummary): CardSummary | null {
  if (!current) return snapshot;
  if (current.version > snapshot.version) return null;
  return snapshot;
}

/** "3 items missing": the gate in words, for the move buttons, the lanes while dragging and announcements. */
export function gateText(missing: number): string {
  return `${missing} ${missing === 1 ? 'item' : 'items'} missing`;
}

/** Required items the card still lacks in its lane (what its forward move's gate will ask for). */
export function missingCount(card: Pick<CardSummary, 'checklistDone' | 'checklistRequired'>): number {
  return Math.max(0, card.checklistRequired - card.checklistDone);
}

/**
 * What a lane says while a card is dragged over the board, and what the keyboard announcements say: the
 * next lane names the gate ("3 items missing") instead of "Drop to move on" when the card may not enter yet.
 */
export function dropHint(
  verdict: DropVerdict | undefined,
  missing: number,
): { text: string; tone: 'forward' | 'back' | 'blocked' | 'refused' } | null {
  if (verdict === 'forward')
    return missing > 0 ? { text: `${gateText(missing)}: can't enter yet`, tone: 'blocked' } : { text: 'Drop to move on', tone: 'forward' };
  if (verdict === 'back') return { text: 'Send back (reason needed)', tone: 'back' };
  if (verdict === 'refused') return { text: "Can't drop here", tone: 'refused' };
  return null;
}
