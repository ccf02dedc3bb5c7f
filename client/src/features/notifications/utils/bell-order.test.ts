import type { Notification } from '@relay/shared';
import { groupByCard } from './group-by-card';
import { keepForFilter, urgentFirst } from './bell-order';

const n = (id: string, kind: Notification['kind'], cardId: string, minutesAgo: number): Notification => ({
  id,
  kind,
  cardId,
  text: id,
  at: new Date(Date.UTC(2026, 11, 8, 12, 0) - minutesAgo * 60_000).toISOString(),
  read: false,
});

const items = [n('a1', 'card_arrived', 'A', 1), n('b1', 'stuck', 'B', 30), n('c1', 'mentioned', 'C', 5), n('d1', 'escalated', 'D', 90)];

describe('the bell: escalations first, filtered by kind', () => {
  it('lists cards with an escalation or a stuck notice above everything else', () => {
    expect(urgentFirst(groupByCard(items)).map((g) => g.cardId)).toEqual(['B', 'D', 'A', 'C']);
  });

  it('filters by kind, or to what needs someone now', () => {
    expect(keepForFilter(items, 'urgent').map((x) => x.id)).toEqual(['b1', 'd1']);
    expect(keepForFilter(items, 'mentioned').map((x) => x.id)).toEqual(['c1']);
    expect(keepForFilter(items, 'all')).toHaveLength(4);
  });
});
