import { memoryStorage } from '../../test/fixtures';
import { editKey, isDirty, loadEdit, rebase, saveEdit } from './kept-edit';

describe('kept edits', () => {
  it('keeps what was typed when the server value moves, and follows the server where nothing was typed', () => {
    expect(rebase({ base: 'a', draft: 'a' }, 'b')).toEqual({ base: 'b', draft: 'b' });
    expect(rebase({ base: 'a', draft: 'typed' }, 'b')).toEqual({ base: 'b', draft: 'typed' });
    const merged = rebase({ base: { reason: '', next: 'Call' }, draft: { reason: 'Late', next: 'Call' } }, { reason: '', next: 'Visit' });
    expect(merged).toEqual({ base: { reason: '', next: 'Visit' }, draft: { reason: 'Late', next: 'Visit' } });
    expect(isDirty(merged)).toBe(true);
  });

  it('is stored while it differs from the server and forgotten once it does not', () => {
    const store = memoryStorage();
    const key = editKey('u1', 'c1', 'item-1');
    saveEdit(store, key, { base: '', draft: 'ACC-1' });
    expect(loadEdit(store, key, '')).toEqual({ base: '', draft: 'ACC-1' });
    // The server has it now (a save answered before the page went away): nothing to restore.
    expect(loadEdit(store, key, 'ACC-1')).toBeNull();
    saveEdit(store, key, { base: 'ACC-1', draft: 'ACC-1' });
    expect(store.m.size).toBe(0);
  });

  it('restores an edit made over a value that changed since (the caller shows it as a conflict)', () => {
    const store = memoryStorage();
    const key = editKey('u1', 'c1', 'item-1');
    saveEdit(store, key, { base: 'old', draft: 'mine' });
    expect(loadEdit(store, key, 'theirs')).toEqual({ base: 'old', draft: 'mine' });
  });

  it('ignores unreadable or other-shaped entries', () => {
    const store = memoryStorage();
    store.setItem('k', '{not json');
    expect(loadEdit(store, 'k', '')).toBeNull();
    store.setItem('k', JSON.stringify({ base: 1, draft: 2 }));
    expect(loadEdit(store, 'k', '')).toBeNull();
  });
});
