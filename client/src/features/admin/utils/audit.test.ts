import { auditChanges, describeAudit, showValue } from './audit';

const entry = (over: object) => ({
  id: '1',
  actor: { id: 'u', name: 'Ada Admin' },
  at: '2026-01-01T00:00:00Z',
  entity: 'lane',
  entityId: 'accounting',
  action: 'update',
  before: null,
  after: null,
  ...over,
});

describe('audit log entries', () => {
  it('lists only the fields that changed', () => {
    expect(auditChanges({ before: { name: 'Accounting', timeLimitHours: 48 }, after: { name: 'Accounting', timeLimitHours: 36 } })).toEqual(
      [{ field: 'timeLimitHours', before: '48', after: '36' }],
    );
  });

  it('shows a creation field by field and a new order by name', () => {
    expect(auditChanges({ before: null, after: { label: 'Tax id', required: true } })).toEqual([
      { field: 'label', before: '—', after: 'Tax id' },
      { field: 'required', before: '—', after: 'yes' },
    ]);
    expect(auditChanges({ before: ['a', 'b'], after: ['b', 'a'] }, { a: 'First', b: 'Second' })).toEqual([
      { field: '', before: 'First, Second', after: 'Second, First' },
    ]);
  });

  it('says what happened to what', () => {
    expect(describeAudit(entry({}), { accounting: 'Accounting' })).toBe('changed lane Accounting');
    expect(describeAudit(entry({ entity: 'checklist_item', entityId: 'x', action: 'retire', before: { label: 'Old' } }))).toBe(
      'retired checklist item Old',
    );
    expect(describeAudit(entry({ action: 'reorder_checklist' }), { accounting: 'Accounting' })).toBe(
      'reordered the checklist of lane Accounting',
    );
    expect(showValue({ mustBe: 'ready' })).toBe('mustBe: ready');
  });
});
