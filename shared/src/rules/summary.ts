import type { Card, CardSummary } from '../domain.js';

const iso = (d: Date | string | null | undefined): string | null => (d == null ? null : new Date(d).toISOString());

/**
 * The board's summary of a full card: what a tile shows. REST answers and event payloads carry full cards
 * where the board holds summaries; server and client both derive one with this rule.
 */
export function summaryOf(card: Card): CardSummary {
  return {
    id: card.id,
    title: card.title,
    laneId: card.laneId ?? card.lane.id,
    laneKey: card.laneKey ?? card.lane.key,
    position: card.position,
    version: card.version,
    assignee: card.assignee ?? null,
    enteredLaneAt: iso(card.enteredLaneAt)!,
    health: card.health,
    overdueMinutes: card.overdueMinutes,
    checklistDone: card.checklistDone,
    checklistRequired: card.checklistRequired,
    riskFlag: card.riskFlag,
    riskReason: card.riskReason ?? null,
    pickedUpBy: card.pickedUpBy ?? null,
    pickedUpAt: iso(card.pickedUpAt),
    nextActionDue: card.nextAction?.due ?? null,
    nextActionText: card.nextAction?.text ?? null,
    goLiveDate: card.goLiveDate ?? null,
    ...(card.returned ? { returned: card.returned } : {}),
  };
}
