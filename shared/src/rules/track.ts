import type { ChecklistTemplateItem, ItemValue, Lane, NextAction, TrackMilestone, TrackRequest, TrackView } from '../domain.js';
import { satisfiesGate } from './values.js';

/** The lane's name on the customer's page: its customer name, else its own. */
export const customerLaneName = (lane: Pick<Lane, 'name' | 'customerName'>): string => lane.customerName?.trim() || lane.name;

type TrackLane = Pick<Lane, 'id' | 'key' | 'name' | 'customerName' | 'customerDescription' | 'position' | 'terminal' | 'timeLimitHours'> & {
  checklist: ChecklistTemplateItem[];
};

export interface TrackInput {
  lanes: TrackLane[];
  card: {
    customerName: string;
    laneId: string;
    enteredLaneAt: string | Date;
    goLiveDate: string | null;
    nextAction: NextAction | null;
    updatedAt: string | Date;
  };
  /** The card's recorded values by item id; for file items, the file's name. */
  values: ReadonlyMap<string, { value: ItemValue; fileName?: string | null }>;
  /** When the card last left each lane forward, by lane id (from its history). */
  leftAt: ReadonlyMap<string, string | Date>;
  now: Date;
}

const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);
const HOUR = 3_600_000;

/**
 * A request is open to the customer while the card is in its lane or later (an answer to an earlier
 * lane's request is still welcome), never before: the customer is not asked ahead of time.
 */
export function customerRequests(lanes: TrackLane[], currentPosition: number): (ChecklistTemplateItem & { lane: TrackLane })[] {
  return [...lanes]
    .sort((a, b) => a.position - b.position)
    .filter((l) => !l.terminal && l.position <= currentPosition)
    .flatMap((l) =>
      [...l.checklist]
        .sort((a, b) => a.position - b.position)
        .filter((i) => i.audience === 'customer' && !i.retired)
        .map((i) => ({ ...i, lane: l })),
    );
}

/**
 * The customer's view of a card, built field by field from an explicit list: nothing of the card that is
 * not named here (risk, people, comments, the team's items, other cards) can reach the page.
 * Target dates: the lanes' time limits added up from now (the current lane from when the card entered it).
 */
export function trackView(input: TrackInput): TrackView {
  const lanes = [...input.lanes].sort((a, b) => a.position - b.position);
  const current = lanes.find((l) => l.id === input.card.laneId) ?? lanes[0];
  const working = lanes.filter((l) => !l.terminal);
  let cursor = input.now.getTime();
  const milestones: TrackMilestone[] = lanes.map((lane) => {
    const name = customerLaneName(lane);
    const description = lane.customerDescription?.trim() || null;
    if (lane.position < current.position || (lane.id === current.id && lane.terminal)) {
      const left = lane.terminal ? input.card.goLiveDate : input.leftAt.get(lane.id);
      return { name, description, status: 'done' as const, ...(left ? { doneAt: day(left) } : {}) };
    }
    if (lane.id === current.id) {
      const entered = new Date(input.card.enteredLaneAt).getTime();
      if (lane.timeLimitHours) cursor = Math.max(cursor, entered + lane.timeLimitHours * HOUR);
      return { name, description, status: 'current' as const, targetDate: day(new Date(cursor)) };
    }
    if (lane.timeLimitHours) cursor += lane.timeLimitHours * HOUR;
    return { name, description, status: 'upcoming' as const, targetDate: day(new Date(cursor)) };
  });
  const index = working.findIndex((l) => l.id === current.id);
  const number = index === -1 ? working.length : index + 1;
  const all: TrackRequest[] = customerRequests(lanes, current.position).map((item) => {
    const recorded = input.values.get(item.id);
    const value = recorded?.value ?? null;
    return {
      id: item.id,
      label: item.label,
      ...(item.help ? { help: item.help } : {}),
      kind: item.kind,
      required: item.required,
      ...(item.kind === 'choice' && item.options ? { options: [...item.options] } : {}),
      // A file is shown by its name: the attachment's id is the team's business.
      value: item.kind === 'file' ? null : value,
      done: satisfiesGate(item, value),
      ...(item.kind === 'file' && recorded?.fileName ? { fileName: recorded.fileName } : {}),
    };
  });
  // A closed onboarding takes no more answers: it shows only what was received.
  const requests = current.terminal ? all.filter((r) => r.done) : all;
  const goLive = lanes.find((l) => l.key === 'go_live');
  const goLiveTarget = goLive ? milestones[lanes.indexOf(goLive)] : undefined;
  const next = input.card.nextAction;
  return {
    customerName: input.card.customerName,
    stage: { name: customerLaneName(current), number, of: working.length },
    milestones,
    waitingOnYou: requests.some(
      (r) => r.required && !r.done && lanes.find((l) => l.id === current.id)!.checklist.some((i) => i.id === r.id),
    ),
    requests,
    nextAction: next?.customerVisible && next.text ? { text: next.text, due: next.due ?? null } : null,
    goLiveDate: input.card.goLiveDate ?? goLiveTarget?.targetDate ?? goLiveTarget?.doneAt ?? null,
    updatedAt: new Date(input.card.updatedAt).toISOString(),
  };
}
