import type { Card, CardEvent } from '@relay/shared';
import { fullCard, makeCard, makeLanes } from '../../../test/fixtures';
import { returnedFrom, waitingForRole, waitingText } from './card-story';

const lanes = makeLanes();
const ev = (type: CardEvent['type'], data: Record<string, unknown>): CardEvent => ({
  id: type,
  type,
  actor: null,
  at: '2026-12-08T10:00:00Z',
  data,
});

describe('the card tells its story', () => {
  it('says a sent-back card was returned, with the reason, until it moves on', () => {
    const back = ev('sent_back', { fromName: 'Accounting', reason: 'Rates are wrong', visit: 3 });
    expect(returnedFrom([ev('moved', { visit: 2 }), back], { laneVisit: 3 })).toEqual({ from: 'Accounting', reason: 'Rates are wrong' });
    expect(returnedFrom([back, ev('checklist_set', {})], { laneVisit: 3 })).not.toBeNull();
    expect(returnedFrom([back, ev('moved', { visit: 4 })], { laneVisit: 4 })).toBeNull();
    expect(returnedFrom([ev('moved', { visit: 2 })], { laneVisit: 2 })).toBeNull();
  });

  it("says when only a role's items are missing: waiting for manager approval", () => {
    const goLive = lanes.find((l) => l.key === 'go_live')!;
    const summary = makeCard(goLive);
    const items = (filled: (role: string | null | undefined) => boolean) =>
      goLive.checklist.map((t) => ({
        ...t,
        value: filled(t.role) ? (({ check: true, date: '2026-12-01', file: 'att-1' } as Record<string, unknown>)[t.kind] ?? 'x') : null,
        note: null,
        completedBy: null,
        completedAt: null,
      }));
    const card = (filled: (role: string | null | undefined) => boolean): Card =>
      fullCard(summary, lanes, {
        checklists: [{ laneId: goLive.id, laneKey: goLive.key, laneName: goLive.name, items: items(filled) as never }],
      });
    expect(waitingForRole(card((role) => role !== 'manager'))).toBe('manager');
    expect(waitingForRole(card(() => false))).toBeNull();
    expect(waitingText('manager')).toBe('Waiting for manager approval');
  });
});
