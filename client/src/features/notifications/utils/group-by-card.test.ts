import type { Notification } from '@relay/shared';
import { groupByCard, timeAgo } from './group-by-card';

const note = (id: string, cardId: string | null, at: string, read = false): Notification => ({
  id,
  kind: 'card_arrived',
  cardId,
  text: `note ${id}`,
  at,
  read,
});

describe('groupByCard', () => {
  it('puts notifications about the same card in one group, newest activity first', () => {
    const groups = groupByCard([
      note('c', 'card-1', '2026-11-23T12:00:00Z'),
      note('b', 'card-2', '2026-11-23T11:00:00Z', true),
      note('a', 'card-1', '2026-11-23T10:00:00Z', true),
    ]);
    expect(groups.map((g) => g.cardId)).toEqual(['card-1', 'card-2']);
    expect(groups[0]!.items.map((n) => n.id)).toEqual(['c', 'a']);
    expect(groups[0]!.latest.id).toBe('c');
    expect(groups[0]!.unread).toBe(1);
    expect(groups[1]!.unread).toBe(0);
  });

  it('orders by time even when the list is not (a live one inserted late)', () => {
    const groups = groupByCard([note('a', 'card-1', '2026-11-23T10:00:00Z'), note('b', 'card-1', '2026-11-23T12:00:00Z')]);
    expect(groups[0]!.latest.id).toBe('b');
  });

  it('keeps notifications without a card apart', () => {
    const groups = groupByCard([note('a', null, '2026-11-23T10:00:00Z'), note('b', null, '2026-11-23T09:00:00Z')]);
    expect(groups).toHaveLength(2);
    expect(groups.map((g) => g.items.length)).toEqual([1, 1]);
  });
});

describe('timeAgo', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it('reads minutes, hours and days', () => {
    expect(timeAgo('2026-11-23T11:59:40Z', now)).toBe('just now');
    expect(timeAgo('2026-11-23T11:35:00Z', now)).toBe('25m ago');
    expect(timeAgo('2026-11-23T09:00:00Z', now)).toBe('3h ago');
    expect(timeAgo('2026-11-21T11:00:00Z', now)).toBe('2d ago');
  });
});
