import { DEFAULT_DEPARTMENTS, type Card, type CardSummary, type Department } from '@relay/shared';

/** The board's view of a full card (REST answers carry full cards; the board holds summaries). */
export function toSummary(card: Card): CardSummary {
  return {
    id: card.id,
    title: card.title,
    laneId: card.laneId ?? card.lane.id,
    laneKey: card.laneKey ?? card.lane.key,
    position: card.position,
    version: card.version,
    assignee: card.assignee,
    enteredLaneAt: card.enteredLaneAt,
    health: card.health,
    overdueMinutes: card.overdueMinutes,
    checklistDone: card.checklistDone,
    checklistRequired: card.checklistRequired,
    riskFlag: card.riskFlag,
    riskReason: card.riskReason,
    pickedUpBy: card.pickedUpBy,
    pickedUpAt: card.pickedUpAt,
    nextActionDue: card.nextAction?.due ?? null,
    nextActionText: card.nextAction?.text ?? null,
    goLiveDate: card.goLiveDate,
  };
}

/** Department names by key: the defaults until the board brings the real (admin-editable) list. */
let departmentNames = new Map<string, string>(DEFAULT_DEPARTMENTS.map((d) => [d.key, d.name]));

/** Called with each board the client loads, so renamed and new departments show their names. */
export function registerDepartments(departments: readonly Department[] | undefined): void {
  if (departments?.length) departmentNames = new Map(departments.map((d) => [d.key, d.name]));
}

/** "customer_experience" → "Customer Experience"; unknown keys are humanised. */
export function departmentName(key: string | null | undefined): string {
  if (!key) return '—';
  return departmentNames.get(key) ?? key.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

export function roleName(role: string | null | undefined): string {
  if (!role) return '';
  return role === 'manager' ? 'senior operations manager' : role;
}
