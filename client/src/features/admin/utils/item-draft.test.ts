import type { ChecklistTemplateItem } from '@relay/shared';
import { checkItemDraft, draftFromItem, emptyDraft, toItemPatch, toNewItem } from './item-draft';

const item: ChecklistTemplateItem = {
  id: 'i1',
  laneId: 'l1',
  label: 'Account readiness',
  help: null,
  kind: 'choice',
  required: true,
  role: null,
  audience: 'team',
  options: ['ready', 'needs reinforcement'],
  rules: { mustBe: 'ready' },
  position: 1024,
  retired: false,
};

describe('checklist item drafts', () => {
  it('builds a new item with only what was filled in, and rules of its kind only', () => {
    const draft = { ...emptyDraft('number'), label: ' Employees needed ', greaterThan: '0', mustBe: 'stale', pickRole: 'staff' as const };
    expect(toNewItem(draft)).toEqual({ label: 'Employees needed', kind: 'number', required: true, rules: { greaterThan: 0 } });
    expect(toNewItem({ ...emptyDraft('choice'), label: 'Pick', options: ['a', 'b'], role: 'manager', help: 'why' })).toEqual({
      label: 'Pick',
      kind: 'choice',
      required: true,
      role: 'manager',
      help: 'why',
      options: ['a', 'b'],
    });
  });

  it('patches only what changed, clearing with null', () => {
    const draft = draftFromItem(item);
    expect(toItemPatch(item, draft)).toEqual({});
    expect(toItemPatch(item, { ...draft, label: 'Readiness', mustBe: '', help: 'Look around' })).toEqual({
      label: 'Readiness',
      help: 'Look around',
      rules: null,
    });
    expect(toItemPatch({ ...item, role: 'manager' }, draft)).toEqual({ role: null });
  });

  it('checks the draft with the shared rules, naming the server fields', () => {
    expect(checkItemDraft(draftFromItem(item))).toEqual({});
    expect(Object.keys(checkItemDraft({ ...emptyDraft('choice'), options: ['only'] }))).toEqual(['label', 'options']);
    expect(checkItemDraft({ ...emptyDraft('number'), label: 'N', min: 'lots' })).toEqual({ 'rules.min': 'rules.min must be a number' });
    expect(Object.keys(checkItemDraft({ ...draftFromItem(item), mustBe: 'gone' }))).toEqual(['rules.mustBe']);
  });
});
