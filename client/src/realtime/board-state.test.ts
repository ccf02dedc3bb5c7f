import type { BoardEvent, CardSummary } from '@relay/shared';
import { makeBoard, makeCard, makeLanes } from '../test/fixtures';
import { HUGE_GAP, applyEvent, classifySeq, fromBoardResponse, groupByLane, replay, upsertCard } from './board-state';

const lanes = makeLanes();
const [intake, cx] = lanes as [(typeof lanes)[0], (typeof lanes)[0]];

function moved(seq: number, card: CardSummary): BoardEvent {
  return { type: 'card.moved', seq, at: new Date().toISOString(), actor: null, card, fromLane: 'intake', toLane: card.laneKey };
}

describe('classifySeq', () => {
  it('applies the next event, ignores seen ones and reports gaps', () => {
    expect(classifySeq(5, 6)).toBe('apply');
    expect(classifySeq(5, 5)).toBe('stale');
    expect(classifySeq(5, 2)).toBe('stale');
    expect(classifySeq(5, 7)).toBe('gap');
    expect(HUGE_GAP).toBeGreaterThan(1);
  });
});

describe('upsertCard', () => {
  it('keeps a newer version over an older one, and returns the same map when nothing changes', () => {
    const card = makeCard(intake, { version: 3 });
    const cards = { [card.id]: card };
    expect(upsertCard(cards, { ...card, version: 2, title: 'old' })).toBe(cards);
    expect(upsertCard(cards, { ...card, version: 4, title: 'new' })[card.id]!.title).toBe('new');
  });

  it('accepts the same version (health changes do not bump it)', () => {
    const card = makeCard(intake, { version: 3 });
    const next = upsertCard({ [card.id]: card }, { ...card, health: 'stuck', overdueMinutes: 90 });
    expect(next[card.id]!.health).toBe('stuck');
  });
});

describe('replay', () => {
  const card = makeCard(intake, { version: 1 });
  const base = fromBoardResponse(makeBoard([card], 10));

  it('applies events in seq order whatever order they arrive in', () => {
    const v2 = { ...card, version: 2, laneId: cx.id, laneKey: cx.key };
    const v3 = { ...v2, version: 3, title: 'Gatekeeper Foods Ltd' };
    const result = replay(base, [moved(12, v3), moved(11, v2)]);
    expect(result.data.seq).toBe(12);
    expect(result.data.cards[card.id]).toEqual(v3);
    expect(result.gapAt).toBeNull();
  });

  it('ignores events at or below the last seq and duplicates', () => {
    const stale = { ...card, title: 'stale' };
    const result = replay(base, [moved(9, stale), moved(10, stale)]);
    expect(result.data).toBe(base);
    expect(result.appliedEvents).toHaveLength(0);
    const v2 = { ...card, version: 2 };
    expect(replay(base, [moved(11, v2), moved(11, v2)]).appliedEvents).toHaveLength(1);
  });

  it('stops at a gap, reporting where', () => {
    const v2 = { ...card, version: 2 };
    const result = replay(base, [moved(11, v2), moved(13, { ...card, version: 4 })]);
    expect(result.data.seq).toBe(11);
    expect(result.gapAt).toBe(13);
    expect(result.data.cards[card.id]!.version).toBe(2);
  });

  it('asks for the board when lanes changed', () => {
    const result = replay(base, [{ type: 'board.changed', seq: 11, at: '', actor: null, what: 'lanes' }]);
    expect(result.needsBoard).toBe(true);
    expect(result.data.seq).toBe(11);
  });

  it('adds created cards and advances on comments without touching cards', () => {
    const fresh = makeCard(intake, { title: 'New Co' });
    const created = applyEvent(base, { type: 'card.created', seq: 11, at: '', actor: null, card: fresh });
    expect(created.data.cards[fresh.id]).toBe(fresh);
    const comment = applyEvent(created.data, {
      type: 'comment.added',
      seq: 12,
      at: '',
      actor: null,
      cardId: fresh.id,
      comment: { id: 'c', cardId: fresh.id, author: { id: 'u', name: 'U' }, body: 'hi', at: '' },
    });
    expect(comment.data.cards).toBe(created.data.cards);
    expect(comment.cardId).toBe(fresh.id);
  });
});

describe('groupByLane', () => {
  it('lists card ids per lane in position order, every lane present', () => {
    const a = makeCard(intake, { position: 2048 });
    const b = makeCard(intake, { position: 1024 });
    const c = makeCard(cx, { position: 5 });
    const cols = groupByLane(lanes, { [a.id]: a, [b.id]: b, [c.id]: c });
    expect(cols[intake.id]).toEqual([b.id, a.id]);
    expect(cols[cx.id]).toEqual([c.id]);
    expect(Object.keys(cols)).toHaveLength(lanes.length);
  });

  it('lists Done newest first, whatever the positions', () => {
    const done = lanes.find((l) => l.terminal)!;
    const old = makeCard(done, { position: 1, enteredLaneAt: '2026-03-01T10:00:00.000Z' });
    const newest = makeCard(done, { position: 3, enteredLaneAt: '2026-03-09T10:00:00.000Z' });
    const middle = makeCard(done, { position: 2, enteredLaneAt: '2026-03-05T10:00:00.000Z' });
    expect(groupByLane(lanes, { [old.id]: old, [newest.id]: newest, [middle.id]: middle })[done.id]).toEqual([
      newest.id,
      middle.id,
      old.id,
    ]);
  });

  it('applies a filter', () => {
    const a = makeCard(intake, { title: 'Keep' });
    const b = makeCard(intake, { title: 'Drop' });
    expect(groupByLane(lanes, { [a.id]: a, [b.id]: b }, (x) => x.title === 'Keep')[intake.id]).toEqual([a.id]);
  });
});
