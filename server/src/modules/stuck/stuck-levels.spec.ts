import type { Lane } from '@relay/shared';
import { dueNudges, healthChanged, nudgeOutcome, readings } from './stuck-levels.js';
import type { ScanCandidate } from './stuck.repository.js';

const HOUR = 3_600_000;
const now = new Date('2026-12-08T12:00:00Z');
const lane = { id: 'lane-1', key: 'ops', name: 'Operations', department: 'ops', timeLimitHours: 10 } as Lane;
const laneById = new Map([[lane.id, lane]]);
const card = (hoursIn: number, seen: Partial<ScanCandidate> = {}): ScanCandidate => ({
  id: `card-${hoursIn}`,
  title: `Card ${hoursIn}h`,
  laneId: lane.id,
  laneVisit: 3,
  enteredLaneAt: new Date(now.getTime() - hoursIn * HOUR),
  assigneeId: 'person-1',
  healthState: 'ok',
  nudgeLevel: 0,
  ...seen,
});

describe('the stuck scan’s levels (no database)', () => {
  it('reads at risk past three quarters of the limit, stuck past it, escalation due past twice it', () => {
    const [atRisk, stuck, twice] = readings([card(8), card(11), card(21)], laneById, now);
    expect([atRisk.health.health, atRisk.level]).toEqual(['at_risk', 0]);
    expect([stuck.health.health, stuck.level]).toEqual(['stuck', 1]);
    expect(stuck.health.overdueMinutes).toBe(60);
    expect([twice.health.health, twice.level]).toEqual(['stuck', 2]);
  });

  it('nudges each level passed since the one recorded, once: a card found twice over its limit gets both', () => {
    const rs = readings(
      [card(11), card(21), card(21, { id: 'nudged', nudgeLevel: 1 }), card(21, { id: 'done', nudgeLevel: 2 })],
      laneById,
      now,
    );
    expect(dueNudges(rs)).toEqual([
      { cardId: 'card-11', visit: 3, level: 1, laneId: lane.id },
      { cardId: 'card-21', visit: 3, level: 1, laneId: lane.id },
      { cardId: 'card-21', visit: 3, level: 2, laneId: lane.id },
      { cardId: 'nudged', visit: 3, level: 2, laneId: lane.id },
    ]);
  });

  it('tells the board only about cards whose health moved from what was recorded', () => {
    const rs = readings([card(8, { healthState: 'at_risk' }), card(11, { healthState: 'at_risk' })], laneById, now);
    expect(healthChanged(rs).map((r) => r.card.id)).toEqual(['card-11']);
  });

  it('nudges the assignee and the lane’s department at level 1, the managers at level 2', () => {
    const [r] = readings([card(21)], laneById, now);
    const one = nudgeOutcome(r, 1);
    expect(one.history).toMatchObject({ type: 'nudged', actorId: null, data: { level: 1, lane: 'ops', visit: 3, overdueMinutes: 660 } });
    expect(one.notify).toMatchObject({ kind: 'stuck', userIds: ['person-1'], department: 'ops', cardId: 'card-21' });
    expect(one.notify.text).toBe('Card 21h is stuck in Operations (11h over its limit)');
    const two = nudgeOutcome(r, 2);
    expect(two.history.type).toBe('escalated');
    expect(two.notify).toMatchObject({ kind: 'escalated', roles: ['manager'], cardId: 'card-21' });
    expect('department' in two.notify).toBe(false);
  });
});
