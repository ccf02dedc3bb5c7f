import { ITEM_LIMITS, checklistItemErrors, itemShapeErrors } from './checklist-items.js';

const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('itemShapeErrors (what a kind allows)', () => {
  it('accepts each kind in its plain shape', () => {
    for (const kind of ['check', 'text', 'number', 'date', 'user', 'file'] as const) expect(itemShapeErrors({ kind })).toEqual([]);
    expect(itemShapeErrors({ kind: 'choice', options: ['in-house', 'subcontracted'] })).toEqual([]);
  });

  it('needs at least two different options for a choice, and options only there', () => {
    expect(fields(itemShapeErrors({ kind: 'choice' }))).toEqual(['options']);
    expect(fields(itemShapeErrors({ kind: 'choice', options: ['only'] }))).toEqual(['options']);
    expect(fields(itemShapeErrors({ kind: 'choice', options: ['a', 'a'] }))).toEqual(['options']);
    expect(fields(itemShapeErrors({ kind: 'number', options: ['a', 'b'] }))).toEqual(['options']);
    expect(itemShapeErrors({ kind: 'number', options: [] })).toEqual([]);
  });

  it('keeps each rule to the kind it belongs to', () => {
    expect(itemShapeErrors({ kind: 'number', rules: { greaterThan: 0, min: 1 } })).toEqual([]);
    expect(fields(itemShapeErrors({ kind: 'text', rules: { min: 1 } }))).toEqual(['rules']);
    expect(fields(itemShapeErrors({ kind: 'choice', options: ['ready', 'not'], rules: { mustBe: 'maybe' } }))).toEqual(['rules.mustBe']);
    expect(itemShapeErrors({ kind: 'choice', options: ['ready', 'not'], rules: { mustBe: 'ready' } })).toEqual([]);
    expect(fields(itemShapeErrors({ kind: 'text', rules: { pickRole: 'supervisor' } }))).toEqual(['rules.pickRole']);
    expect(itemShapeErrors({ kind: 'user', rules: { pickRole: 'supervisor' } })).toEqual([]);
  });
});

describe('checklistItemErrors (an item the admin writes)', () => {
  it('accepts a complete item', () => {
    expect(checklistItemErrors({ label: 'Billing set up', kind: 'check', help: 'In the ledger', role: 'staff' })).toEqual([]);
  });

  it('needs a label of 1 to 200 characters, unless an edit leaves it alone', () => {
    for (const label of [undefined, '', '   ', 'x'.repeat(ITEM_LIMITS.label + 1)])
      expect(fields(checklistItemErrors({ label, kind: 'check' }))).toEqual(['label']);
    expect(checklistItemErrors({ kind: 'check' }, true)).toEqual([]);
    expect(fields(checklistItemErrors({ kind: 'check', label: '' }, true))).toEqual(['label']);
  });

  it('limits help, options and their number, and refuses unknown roles', () => {
    expect(fields(checklistItemErrors({ label: 'L', kind: 'check', help: 'h'.repeat(501) }))).toEqual(['help']);
    expect(fields(checklistItemErrors({ label: 'L', kind: 'choice', options: ['a', ' '] }))).toEqual(['options']);
    const many = Array.from({ length: 31 }, (_, i) => `o${i}`);
    expect(fields(checklistItemErrors({ label: 'L', kind: 'choice', options: many }))).toEqual(['options']);
    expect(fields(checklistItemErrors({ label: 'L', kind: 'check', role: 'boss' as never }))).toEqual(['role']);
    expect(fields(checklistItemErrors({ label: 'L', kind: 'user', rules: { pickRole: 'boss' as never } }))).toEqual(['rules.pickRole']);
    expect(fields(checklistItemErrors({ label: 'L', kind: 'number', rules: { min: Number.NaN } }))).toEqual(['rules.min']);
  });

  it('adds the shape errors of the kind', () => {
    expect(checklistItemErrors({ label: 'Pick', kind: 'choice', options: null })).toEqual([
      { field: 'options', message: 'options must list at least 2 choices for a choice item' },
    ]);
  });
});

describe('itemShapeErrors: requests to the customer', () => {
  it("keeps a sign-off the customer's and a person of the team out of their requests", () => {
    expect(itemShapeErrors({ kind: 'signoff', audience: 'customer' })).toEqual([]);
    expect(itemShapeErrors({ kind: 'signoff' })).toEqual([]);
    expect(fields(itemShapeErrors({ kind: 'signoff', audience: 'team' }))).toEqual(['audience']);
    expect(fields(itemShapeErrors({ kind: 'user', audience: 'customer' }))).toEqual(['kind']);
    for (const kind of ['check', 'text', 'number', 'date', 'file'] as const)
      expect(itemShapeErrors({ kind, audience: 'customer' })).toEqual([]);
  });
});
