import type { ChecklistTemplateItem, ItemValue, Lane } from '../domain.js';
import { type GateLane, allowedTargets, checkTransition, gateItems, gateProgress, missingItems, nextLane } from './gate.js';

function templateItem(id: string, position: number, extra: Partial<ChecklistTemplateItem> = {}): ChecklistTemplateItem {
  return {
    id,
    laneId: 'lane-go-live',
    label: `Item ${id}`,
    kind: 'check',
    required: true,
    role: null,
    position,
    retired: false,
    audience: 'team',
    ...extra,
  };
}

function gateLane(checklist: ChecklistTemplateItem[], extra: Partial<GateLane> = {}): GateLane {
  return { id: 'lane-go-live', department: 'operations', role: null, terminal: false, checklist, ...extra };
}

function values(entries: Record<string, ItemValue | null>): Map<string, ItemValue | null> {
  return new Map(Object.entries(entries));
}

/** The First-Week Audit lane: required, optional and mustBe items. */
const audit = gateLane(
  [
    templateItem('audit-date', 1, { label: 'Audit date', kind: 'date' }),
    templateItem('training', 2, { label: 'Employee training verified' }),
    templateItem('readiness', 3, {
      label: 'Account readiness',
      kind: 'choice',
      options: ['ready', 'needs reinforcement'],
      rules: { mustBe: 'ready' },
    }),
    templateItem('notes', 4, { label: 'Audit notes', kind: 'text', required: false }),
  ],
  { role: 'supervisor' },
);

describe('missingItems', () => {
  it('lists every required item of an untouched lane, with who may complete it', () => {
    expect(missingItems(audit, values({}))).toEqual([
      { itemId: 'audit-date', label: 'Audit date', department: 'operations', role: 'supervisor' },
      { itemId: 'training', label: 'Employee training verified', department: 'operations', role: 'supervisor' },
      { itemId: 'readiness', label: 'Account readiness', department: 'operations', role: 'supervisor' },
    ]);
  });

  it('never lists an optional item, filled or not', () => {
    const ids = missingItems(audit, values({ notes: null })).map((m) => m.itemId);
    expect(ids).not.toContain('notes');
  });

  it('never lists a retired item, even a required one', () => {
    const lane = gateLane([templateItem('old', 1, { retired: true }), templateItem('current', 2)]);
    expect(missingItems(lane, values({})).map((m) => m.itemId)).toEqual(['current']);
  });

  it('is empty once every required item holds a value satisfying the gate', () => {
    const done = values({ 'audit-date': '2026-03-02', training: true, readiness: 'ready' });
    expect(missingItems(audit, done)).toEqual([]);
  });

  it('keeps a choice whose mustBe option is not chosen', () => {
    const notReady = values({ 'audit-date': '2026-03-02', training: true, readiness: 'needs reinforcement' });
    expect(missingItems(audit, notReady).map((m) => m.itemId)).toEqual(['readiness']);
  });

  it('treats a cleared (null) or unticked (false) value as missing', () => {
    const cleared = values({ 'audit-date': null, training: false, readiness: 'ready' });
    expect(missingItems(audit, cleared).map((m) => m.itemId)).toEqual(['audit-date', 'training']);
  });

  it('follows checklist position, not the order the rows arrive in', () => {
    const lane = gateLane([templateItem('c', 30), templateItem('a', 10), templateItem('b', 20)]);
    expect(missingItems(lane, values({})).map((m) => m.itemId)).toEqual(['a', 'b', 'c']);
  });

  it("names the item's own role before the lane's, and none when neither has one", () => {
    const goLive = gateLane([templateItem('walkthrough', 1), templateItem('approval', 2, { role: 'manager' })], { role: 'supervisor' });
    expect(missingItems(goLive, values({})).map((m) => m.role)).toEqual(['supervisor', 'manager']);

    const accounting = gateLane([templateItem('reference', 1)], { department: 'accounting', role: null });
    expect(missingItems(accounting, values({}))).toEqual([
      { itemId: 'reference', label: 'Item reference', department: 'accounting', role: null },
    ]);
  });

  it('is empty for a lane without a checklist (Done)', () => {
    expect(missingItems(gateLane([], { department: null, terminal: true }), values({}))).toEqual([]);
  });

  it('does not reorder the lane it was given', () => {
    const checklist = [templateItem('c', 30), templateItem('a', 10)];
    gateItems(gateLane(checklist));
    expect(checklist.map((i) => i.id)).toEqual(['c', 'a']);
  });
});

describe('gateProgress', () => {
  it('counts required items done out of required items', () => {
    expect(gateProgress(audit, values({}))).toEqual({ done: 0, required: 3 });
    expect(gateProgress(audit, values({ 'audit-date': '2026-03-02', training: true }))).toEqual({ done: 2, required: 3 });
    expect(gateProgress(audit, values({ 'audit-date': '2026-03-02', training: true, readiness: 'ready' }))).toEqual({
      done: 3,
      required: 3,
    });
  });

  it('does not count a filled optional item as progress', () => {
    expect(gateProgress(audit, values({ notes: 'All good' }))).toEqual({ done: 0, required: 3 });
  });

  it('does not count a choice short of its mustBe option as done', () => {
    expect(gateProgress(audit, values({ readiness: 'needs reinforcement' }))).toEqual({ done: 0, required: 3 });
  });

  it('leaves retired items out of both numbers', () => {
    const lane = gateLane([templateItem('old', 1, { retired: true }), templateItem('current', 2)]);
    expect(gateProgress(lane, values({ old: true }))).toEqual({ done: 0, required: 1 });
    expect(gateProgress(lane, values({ old: true, current: true }))).toEqual({ done: 1, required: 1 });
  });

  it('is 0 of 0 for a lane with no required items', () => {
    expect(gateProgress(gateLane([templateItem('opt', 1, { required: false })]), values({ opt: true }))).toEqual({ done: 0, required: 0 });
  });
});

type PipelineLane = Pick<Lane, 'id' | 'position' | 'terminal' | 'name'>;

const KEYS = ['intake', 'customer_experience', 'accounting', 'operational_setup', 'hr', 'go_live', 'first_week_audit', 'done'];
// Positions with uneven gaps: "next" means the next lane by position, not position + 1.
const pipeline: PipelineLane[] = KEYS.map((key, i) => ({ id: key, name: key, position: (i + 1) * 10 + (i % 3), terminal: key === 'done' }));
const lane = (key: string): PipelineLane => pipeline.find((l) => l.id === key)!;

describe('checkTransition', () => {
  it('allows a move forward to the next lane', () => {
    expect(checkTransition(lane('intake'), lane('customer_experience'), pipeline)).toEqual({ ok: true, kind: 'forward' });
    expect(checkTransition(lane('accounting'), lane('operational_setup'), pipeline)).toEqual({ ok: true, kind: 'forward' });
  });

  it('allows the last working lane to move into the terminal lane', () => {
    expect(checkTransition(lane('first_week_audit'), lane('done'), pipeline)).toEqual({ ok: true, kind: 'forward' });
  });

  it('does not need a reason to move forward, and accepts one', () => {
    expect(checkTransition(lane('hr'), lane('go_live'), pipeline, 'on time')).toEqual({ ok: true, kind: 'forward' });
  });

  it.each([
    ['intake', 'accounting'],
    ['intake', 'done'],
    ['customer_experience', 'hr'],
    ['go_live', 'done'],
  ])('refuses to skip ahead from %s to %s', (from, to) => {
    const result = checkTransition(lane(from), lane(to), pipeline, 'in a hurry');
    expect(result).toEqual({ ok: false, code: 'INVALID_TRANSITION', message: `A card moves forward only to the next lane, not to ${to}` });
  });

  it('refuses a move to the lane the card is already in', () => {
    expect(checkTransition(lane('hr'), lane('hr'), pipeline, 'again')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('allows a move back to the previous lane with a reason', () => {
    expect(checkTransition(lane('accounting'), lane('customer_experience'), pipeline, 'Welcome packet bounced')).toEqual({
      ok: true,
      kind: 'back',
    });
  });

  it('allows a move back several lanes with a reason', () => {
    expect(checkTransition(lane('first_week_audit'), lane('intake'), pipeline, 'Contract renegotiated')).toEqual({
      ok: true,
      kind: 'back',
    });
  });

  it.each([undefined, null, '', '   ', '\n'])('refuses a move back without a written reason (%p)', (reason) => {
    expect(checkTransition(lane('hr'), lane('accounting'), pipeline, reason)).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      message: 'Sending a card back needs a reason',
    });
  });

  it.each(['first_week_audit', 'intake', 'done'])('refuses any move out of the terminal lane, even back with a reason (to %s)', (to) => {
    expect(checkTransition(lane('done'), lane(to), pipeline, 'Reopen')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('finds the next lane whatever order the lanes are listed in', () => {
    const shuffled = [...pipeline].reverse();
    expect(checkTransition(lane('hr'), lane('go_live'), shuffled)).toEqual({ ok: true, kind: 'forward' });
    expect(checkTransition(lane('hr'), lane('first_week_audit'), shuffled)).toMatchObject({ ok: false });
  });
});

describe('allowedTargets', () => {
  it('offers only the next lane forward and nothing back from the first lane', () => {
    expect(allowedTargets(lane('intake'), pipeline)).toEqual({ forward: lane('customer_experience'), back: [] });
  });

  it('offers the next lane forward and every earlier lane back, in pipeline order', () => {
    const targets = allowedTargets(lane('hr'), pipeline);
    expect(targets.forward).toBe(lane('go_live'));
    expect(targets.back.map((l) => l.id)).toEqual(['intake', 'customer_experience', 'accounting', 'operational_setup']);
  });

  it('offers the terminal lane forward from the last working lane', () => {
    expect(allowedTargets(lane('first_week_audit'), pipeline).forward).toBe(lane('done'));
  });

  it('offers nothing from the terminal lane', () => {
    expect(allowedTargets(lane('done'), pipeline)).toEqual({ forward: null, back: [] });
  });

  it('never offers the current lane, and sorts lanes given out of order', () => {
    const targets = allowedTargets(lane('accounting'), [...pipeline].reverse());
    expect(targets.forward?.id).toBe('operational_setup');
    expect(targets.back.map((l) => l.id)).toEqual(['intake', 'customer_experience']);
  });

  it('agrees with checkTransition for every pair of lanes', () => {
    for (const from of pipeline) {
      const targets = allowedTargets(from, pipeline);
      for (const to of pipeline) {
        const offered = targets.forward === to || targets.back.includes(to);
        expect({ from: from.id, to: to.id, ok: checkTransition(from, to, pipeline, 'reason').ok }).toEqual({
          from: from.id,
          to: to.id,
          ok: offered,
        });
      }
    }
  });
});

describe('nextLane', () => {
  it("is the lane with the smallest position after the card's, however the lanes are listed", () => {
    expect(nextLane(lane('accounting'), [...pipeline].reverse())?.id).toBe('operational_setup');
    expect(nextLane({ position: -1 }, pipeline)?.id).toBe('intake');
  });

  it('skips gaps between positions and is null after the last lane', () => {
    const sparse = [
      { id: 'a', position: 10 },
      { id: 'b', position: 500 },
      { id: 'c', position: 40 },
    ];
    expect(nextLane(sparse[0]!, sparse)?.id).toBe('c');
    expect(nextLane(sparse[1]!, sparse)).toBeNull();
  });

  it('is the one forward target of checkTransition and allowedTargets', () => {
    for (const from of pipeline.filter((l) => !l.terminal)) {
      const next = nextLane(from, pipeline)!;
      expect(allowedTargets(from, pipeline).forward).toBe(next);
      expect(checkTransition(from, next, pipeline)).toEqual({ ok: true, kind: 'forward' });
    }
  });
});
