import { makeCard, makeLanes, makeUser } from '../../../test/fixtures';
import { canDragFrom, dropHint, dropVerdicts, missingCount, optimisticMove, refusalReason, rollbackMove } from './drag-rules';

const lanes = makeLanes();
const byKey = (k: string) => lanes.find((l) => l.key === k)!;
const ops = makeUser({ role: 'staff', departments: ['operations'] });

describe('dropVerdicts', () => {
  it('lets a card go forward only to the next lane and back to any earlier one', () => {
    const accounting = byKey('accounting');
    const cxUser = makeUser({ role: 'staff', departments: ['accounting'] });
    const v = dropVerdicts(accounting, lanes, cxUser);
    expect(v[byKey('accounting').id]).toBe('same');
    expect(v[byKey('operational_setup').id]).toBe('forward');
    expect(v[byKey('intake').id]).toBe('back');
    expect(v[byKey('customer_experience').id]).toBe('back');
    // skipping ahead is refused
    expect(v[byKey('hr').id]).toBe('refused');
    expect(v[byKey('done').id]).toBe('refused');
  });

  it('refuses every lane for a card in Done', () => {
    const admin = makeUser({ role: 'admin', departments: [] });
    const v = dropVerdicts(byKey('done'), lanes, admin);
    expect(Object.entries(v).filter(([, verdict]) => verdict !== 'refused')).toEqual([[byKey('done').id, 'same']]);
  });

  it("refuses every lane to someone who does not work the card's lane", () => {
    const sales = makeUser({ role: 'sales', departments: ['sales'] });
    const v = dropVerdicts(byKey('intake'), lanes, sales);
    expect(v[byKey('customer_experience').id]).toBe('refused');
    expect(canDragFrom(sales, byKey('intake'))).toBe(false);
    expect(canDragFrom(ops, byKey('intake'))).toBe(true);
    expect(refusalReason(byKey('intake'), byKey('customer_experience'), sales)).toMatch(/Operations Intake/);
  });

  it('lets supervisors work any lane', () => {
    const sup = makeUser({ role: 'supervisor', departments: ['operations'] });
    expect(dropVerdicts(byKey('hr'), lanes, sup)[byKey('go_live').id]).toBe('forward');
  });
});

describe('optimisticMove and rollbackMove', () => {
  const intake = byKey('intake');
  const cx = byKey('customer_experience');

  it('puts the card last in the target lane as just arrived', () => {
    const card = makeCard(intake, { health: 'stuck', overdueMinutes: 300, checklistDone: 7, pickedUpBy: { id: 'u', name: 'U' } });
    const others = [makeCard(cx, { position: 1024 }), makeCard(cx, { position: 4096 })];
    const moved = optimisticMove(card, cx, others, '2026-11-23T10:00:00.000Z');
    expect(moved).toMatchObject({
      laneId: cx.id,
      laneKey: 'customer_experience',
      position: 4096 + 1024,
      enteredLaneAt: '2026-11-23T10:00:00.000Z',
      health: 'ok',
      overdueMinutes: 0,
      pickedUpBy: null,
      checklistDone: 0,
      checklistRequired: 3,
      version: card.version,
    });
  });

  it('restores the snapshot unless a newer version arrived meanwhile', () => {
    const snapshot = makeCard(intake, { version: 4 });
    const optimistic = optimisticMove(snapshot, cx, [], new Date().toISOString());
    expect(rollbackMove(optimistic, snapshot)).toBe(snapshot);
    expect(rollbackMove(undefined, snapshot)).toBe(snapshot);
    expect(rollbackMove({ ...optimistic, version: 5 }, snapshot)).toBeNull();
  });
});

describe('dropHint', () => {
  it("names the gate on the next lane when the card may not enter yet, instead of 'Drop to move on'", () => {
    expect(dropHint('forward', 3)).toEqual({ text: "3 items missing: can't enter yet", tone: 'blocked' });
    expect(dropHint('forward', 1)?.text).toBe("1 item missing: can't enter yet");
    expect(dropHint('forward', 0)).toEqual({ text: 'Drop to move on', tone: 'forward' });
    expect(dropHint('back', 3)?.tone).toBe('back');
    expect(dropHint('refused', 0)?.text).toBe("Can't drop here");
    expect(dropHint('same', 2)).toBeNull();
    expect(dropHint(undefined, 2)).toBeNull();
  });

  it('counts what is missing from the summary', () => {
    expect(missingCount({ checklistDone: 2, checklistRequired: 5 })).toBe(3);
    expect(missingCount({ checklistDone: 5, checklistRequired: 5 })).toBe(0);
  });
});
