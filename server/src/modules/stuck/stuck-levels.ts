import type { Lane, NotificationKind } from '@relay/shared';
import { formatDuration, health, nudgeLevel } from '@relay/shared';
import type { ScanCandidate } from './stuck.repository.js';

/** What the scan reads of a candidate now: its lane, health and the nudge level it is due. */
export interface Reading {
  card: ScanCandidate;
  lane: Lane;
  health: ReturnType<typeof health>;
  /** 0 none, 1 nudge the owners, 2 escalate to managers (shared nudgeLevel). */
  level: number;
}

export interface DueNudge {
  cardId: string;
  visit: number;
  level: number;
  laneId: string;
}

/** Where each candidate stands at `now`, by its lane's time limit. */
export function readings(found: ScanCandidate[], laneById: ReadonlyMap<string, Lane>, now: Date): Reading[] {
  return found.map((card) => {
    const lane = laneById.get(card.laneId)!;
    return {
      card,
      lane,
      health: health(card.enteredLaneAt, lane.timeLimitHours, now),
      level: nudgeLevel(card.enteredLaneAt, lane.timeLimitHours, now),
    };
  });
}

/** The nudge levels each card passed since its last recorded one (a card two limits over gets both, once each). */
export function dueNudges(rs: Reading[]): DueNudge[] {
  return rs.flatMap((r) =>
    [1, 2]
      .filter((level) => level > r.card.nudgeLevel && level <= r.level)
      .map((level) => ({ cardId: r.card.id, visit: r.card.laneVisit, level, laneId: r.lane.id })),
  );
}

/** The readings whose health differs from what was last recorded (what the board is told about). */
export function healthChanged(rs: Reading[]): Reading[] {
  return rs.filter((r) => r.health.health !== r.card.healthState);
}

/**
 * What a new nudge records and who hears: level 1 tells the assignee and the lane's department, level 2 the
 * managers.
 */
export function nudgeOutcome(r: Reading, level: number) {
  const overdue = formatDuration(r.health.overdueMinutes);
  const history = {
    cardId: r.card.id,
    type: level === 2 ? ('escalated' as const) : ('nudged' as const),
    actorId: null,
    data: { level, lane: r.lane.key, visit: r.card.laneVisit, overdueMinutes: r.health.overdueMinutes },
  };
  const notify =
    level === 1
      ? {
          kind: 'stuck' as NotificationKind,
          userIds: [r.card.assigneeId],
          department: r.lane.department,
          cardId: r.card.id,
          text: `${r.card.title} is stuck in ${r.lane.name} (${overdue} over its limit)`,
        }
      : {
          kind: 'escalated' as NotificationKind,
          roles: ['manager' as const],
          cardId: r.card.id,
          text: `Escalated: ${r.card.title} has been in ${r.lane.name} twice its limit (${overdue} overdue)`,
        };
  return { history, notify };
}
