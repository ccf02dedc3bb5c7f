import type { BoardEvent, BoardResponse, CardSummary, Department, Lane } from '@relay/shared';

/** What the board holds: lanes in order, card summaries by id, and the last board event applied. */
export interface BoardData {
  lanes: Lane[];
  cards: Record<string, CardSummary>;
  seq: number;
  /** The departments by their current (admin-editable) names. */
  departments: Department[];
  /** The pipeline clock when the board was read (moved by the test clock). */
  serverNow?: string;
}

/** A gap larger than this is cheaper to close by refetching the board than by replaying events. */
export const HUGE_GAP = 1000;

export type SeqVerdict = 'apply' | 'stale' | 'gap';

/** Whether an event with `seq` follows `lastSeq` directly, was already seen, or reveals missed events. */
export function classifySeq(lastSeq: number, seq: number): SeqVerdict {
  if (seq <= lastSeq) return 'stale';
  return seq === lastSeq + 1 ? 'apply' : 'gap';
}

export function fromBoardResponse(board: BoardResponse): BoardData {
  const cards: Record<string, CardSummary> = {};
  for (const c of board.cards) cards[c.id] = c;
  const lanes = [...board.lanes].sort((a, b) => a.position - b.position);
  return { lanes, cards, seq: board.seq, departments: board.departments ?? [], serverNow: board.now };
}

/**
 * Puts a summary into the map unless the map already holds a newer version.
 * Returns the same map object when nothing changed.
 */
export function upsertCard(cards: Record<string, CardSummary>, card: CardSummary): Record<string, CardSummary> {
  const current = cards[card.id];
  if (current && current.version > card.version) return cards;
  return { ...cards, [card.id]: card };
}

export interface ApplyResult {
  data: BoardData;
  /** Card the event changed, for highlighting. */
  cardId: string | null;
  /** Lanes or checklists changed: the board must be refetched. */
  needsBoard: boolean;
}

/** Applies one event that directly follows `data.seq` (the caller checks with classifySeq). */
export function applyEvent(data: BoardData, event: BoardEvent): ApplyResult {
  const next = { ...data, seq: event.seq };
  switch (event.type) {
    case 'card.created':
    case 'card.moved':
    case 'card.updated':
    case 'card.health':
      return { data: { ...next, cards: upsertCard(data.cards, event.card) }, cardId: event.card.id, needsBoard: false };
    case 'comment.added':
      return { data: next, cardId: event.cardId, needsBoard: false };
    case 'board.changed':
      return { data: next, cardId: null, needsBoard: true };
  }
}

export interface ReplayResult {
  data: BoardData;
  applied: ApplyResult[];
  appliedEvents: BoardEvent[];
  /** Seq of the first event that could not be applied because events before it are missing. */
  gapAt: number | null;
  needsBoard: boolean;
}

/**
 * Applies events in seq order from `data.seq`: drops those already applied and duplicates,
 * and stops at the first gap. Input order does not matter.
 */
export function replay(data: BoardData, events: readonly BoardEvent[]): ReplayResult {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  let current = data;
  const applied: ApplyResult[] = [];
  const appliedEvents: BoardEvent[] = [];
  let needsBoard = false;
  for (const event of sorted) {
    const verdict = classifySeq(current.seq, event.seq);
    if (verdict === 'stale') continue;
    if (verdict === 'gap') return { data: current, applied, appliedEvents, gapAt: event.seq, needsBoard };
    const result = applyEvent(current, event);
    current = result.data;
    applied.push(result);
    appliedEvents.push(event);
    needsBoard ||= result.needsBoard;
  }
  return { data: current, applied, appliedEvents, gapAt: null, needsBoard };
}

/** Card ids of each lane, ordered by position: the `Record<laneId, cardId[]>` the board renders and drags. */
export function groupByLane(
  lanes: readonly Lane[],
  cards: Record<string, CardSummary>,
  keep: (c: CardSummary) => boolean = () => true,
): Record<string, string[]> {
  const buckets: Record<string, CardSummary[]> = {};
  for (const lane of lanes) buckets[lane.id] = [];
  for (const card of Object.values(cards)) {
    if (keep(card)) buckets[card.laneId]?.push(card);
  }
  const out: Record<string, string[]> = {};
  const terminal = new Set(lanes.filter((l) => l.terminal).map((l) => l.id));
  for (const [laneId, list] of Object.entries(buckets)) {
    // Done holds the recently closed cards, newest first (issue 24): a card enters it when it closes.
    if (terminal.has(laneId)) list.sort((a, b) => b.enteredLaneAt.localeCompare(a.enteredLaneAt) || a.id.localeCompare(b.id));
    else list.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
    out[laneId] = list.map((c) => c.id);
  }
  return out;
}
