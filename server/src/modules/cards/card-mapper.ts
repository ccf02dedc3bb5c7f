import type {
  Card,
  CardChecklist,
  CardSummary,
  ChecklistTemplateItem,
  CustomerRef,
  ItemValue,
  Lane,
  ReturnNote,
  UserRef,
} from '@relay/shared';
import { gateProgress, health, positionBetween } from '@relay/shared';
import type { PipelineConfig } from '../pipeline/pipeline.repository.js';

/** A card summary as read from SQL, before health and progress are derived. */
export interface SummaryRow {
  id: string;
  title: string;
  laneId: string;
  position: number;
  version: number;
  assigneeId: string | null;
  assigneeName: string | null;
  /** ISO 8601 text, formatted by the query (isoTime). */
  enteredLaneAt: string;
  checklistDone: number;
  riskFlag: CardSummary['riskFlag'];
  riskReason: string | null;
  pickedUpById: string | null;
  pickedUpByName: string | null;
  pickedUpAt: string | null;
  nextActionDue: string | null;
  nextActionText: string | null;
  goLiveDate: string | null;
  returned: ReturnNote | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const ref = (id: string | null, name: string | null): UserRef | null => (id === null ? null : { id, name: name! });

/** Derives what a summary shows from the row, its lane and the clock — the same rule the board uses. */
export function summaryFromRow(row: SummaryRow, config: PipelineConfig, now: Date): CardSummary {
  const lane = config.laneById.get(row.laneId)!;
  const h = health(row.enteredLaneAt, lane.timeLimitHours, now);
  return {
    id: row.id,
    title: row.title,
    laneId: row.laneId,
    laneKey: lane.key,
    position: row.position,
    version: row.version,
    assignee: ref(row.assigneeId, row.assigneeName),
    enteredLaneAt: row.enteredLaneAt,
    health: h.health,
    overdueMinutes: h.overdueMinutes,
    checklistDone: row.checklistDone,
    checklistRequired: config.gateSizeByLane.get(lane.id)!,
    riskFlag: row.riskFlag,
    riskReason: row.riskReason,
    pickedUpBy: ref(row.pickedUpById, row.pickedUpByName),
    pickedUpAt: row.pickedUpAt,
    nextActionDue: row.nextActionDue,
    nextActionText: row.nextActionText,
    goLiveDate: row.goLiveDate,
    // Only when there is one: 5,000 tiles need not each say there is none.
    ...(row.returned ? { returned: row.returned } : {}),
  };
}

/**
 * Where a card arriving in a lane goes: after the lane's last card (shared positionBetween, the client's rule
 * too), plus a fraction below 1 taken from the card's id, so that two cards arriving at once (each decided on
 * the same last card) do not take the same position. The gap (POSITION_GAP) leaves room for cards put between.
 */
export function arrivalPosition(tail: number | null, cardId: string): number {
  const after = positionBetween(tail, null) ?? (tail ?? 0) + 1;
  // In millionths: short on the wire (a board is 5,000 of them), and two arrivals at once collide one time in a million.
  const millionths = Math.floor((parseInt(cardId.replace(/-/g, '').slice(0, 12), 16) / 2 ** 48) * 1e6);
  return (Math.round(after * 1e6) + millionths) / 1e6;
}

export interface ValueRow {
  itemId: string;
  value: ItemValue;
  note: string | null;
  completedBy: UserRef | CustomerRef | null;
  completedAt: Date;
}

export type CardRow = Omit<
  Card,
  'lane' | 'laneKey' | 'health' | 'overdueMinutes' | 'checklists' | 'attachments' | 'checklistDone' | 'checklistRequired'
> & {
  pickedUpAt: string | null;
};

/** Lanes whose checklist a card shows: every lane up to its current one, and any later lane it holds values for. */
function visitedLanes(current: Lane, config: PipelineConfig, values: Map<string, ValueRow>): Lane[] {
  const withValues = new Set([...values.keys()].map((id) => config.itemById.get(id)?.lane.id));
  return config.lanes.filter((l) => !l.terminal && (l.position <= current.position || withValues.has(l.id)));
}

function checklistItem(item: ChecklistTemplateItem, v: ValueRow | undefined) {
  return {
    id: item.id,
    label: item.label,
    help: item.help ?? null,
    kind: item.kind,
    required: item.required,
    role: item.role ?? null,
    options: item.options ?? null,
    rules: item.rules ?? null,
    audience: item.audience,
    retired: item.retired,
    value: v?.value ?? null,
    note: v?.note ?? null,
    completedBy: v?.completedBy ?? null,
    completedAt: iso(v?.completedAt ?? null),
  };
}

export function toCard(row: CardRow, valueRows: ValueRow[], attachments: Card['attachments'], config: PipelineConfig, now: Date): Card {
  const lane = config.laneById.get(row.laneId)!;
  const values = new Map(valueRows.map((v) => [v.itemId, v]));
  const h = health(row.enteredLaneAt, lane.timeLimitHours, now);
  const checklists: CardChecklist[] = visitedLanes(lane, config, values).map((l) => ({
    laneId: l.id,
    laneKey: l.key,
    laneName: l.name,
    // Retired items show only where they hold a value.
    items: l.checklist.filter((i) => !i.retired || values.has(i.id)).map((i) => checklistItem(i, values.get(i.id))),
  }));
  const progress = gateProgress(lane, new Map(valueRows.map((v) => [v.itemId, v.value])));
  return {
    ...row,
    contractValue: row.contractValue === null || row.contractValue === undefined ? null : Number(row.contractValue),
    lane: { id: lane.id, key: lane.key, name: lane.name },
    laneKey: lane.key,
    health: h.health,
    overdueMinutes: h.overdueMinutes,
    checklists,
    attachments,
    checklistDone: progress.done,
    checklistRequired: progress.required,
  };
}
