import { clearDraft, draftKey, isBlank, loadDraft, saveDraft } from './kept-draft';
import { memoryStorage } from '../../../test/fixtures';
import { EMPTY_DRAFT } from './sales-draft';

describe('kept sales-form draft', () => {
  it('keeps what was typed per person, until cleared', () => {
    const s = memoryStorage();
    const draft = { ...EMPTY_DRAFT, customerName: 'Harbour Dental', services: ['janitorial'] };
    saveDraft(s, 'ann', draft);
    expect(loadDraft(s, 'ann')).toEqual(draft);
    expect(loadDraft(s, 'bob')).toBeNull();
    clearDraft(s, 'ann');
    expect(loadDraft(s, 'ann')).toBeNull();
  });

  it('does not keep an empty form, and ignores what it cannot read', () => {
    const s = memoryStorage();
    saveDraft(s, 'ann', EMPTY_DRAFT);
    expect(s.m.size).toBe(0);
    expect(isBlank({ ...EMPTY_DRAFT, notes: '  ' })).toBe(true);
    s.setItem(draftKey('ann'), '{not json');
    expect(loadDraft(s, 'ann')).toBeNull();
    s.setItem(draftKey('ann'), JSON.stringify({ customerName: 'X', services: ['a', 3], contractValue: 5 }));
    expect(loadDraft(s, 'ann')).toEqual({ ...EMPTY_DRAFT, customerName: 'X', services: ['a'] });
  });
});
