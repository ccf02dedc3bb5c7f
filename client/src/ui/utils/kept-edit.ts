/**
 * An edit in progress on a value the server holds (a checklist text, the tracker's fields): what was typed
 * (`draft`) and the server's value it was typed over (`base`). Kept in this browser, per person, card and
 * field, until the server has it, so closing the card, a failed save or a reload loses nothing.
 */
export interface KeptEdit<T> {
  base: T;
  draft: T;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const editKey = (userId: string, cardId: string, field: string) => `relay.card-edit.${userId}.${cardId}.${field}`;

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether the draft differs from the value it was typed over. */
export function isDirty<T>(edit: KeptEdit<T>): boolean {
  return !same(edit.base, edit.draft);
}

/**
 * The server's value changed under an edit (someone else's change, or the answer to a save): what was typed
 * stays, what was not follows the server. Objects merge field by field, so a changed next action does not
 * undo the reason being typed.
 */
export function rebase<T>(edit: KeptEdit<T>, next: T): KeptEdit<T> {
  if (isRecord(edit.base) && isRecord(edit.draft) && isRecord(next)) {
    const draft: Record<string, unknown> = { ...next };
    for (const k of Object.keys(edit.draft)) if (!same(edit.draft[k], edit.base[k])) draft[k] = edit.draft[k];
    return { base: next, draft: draft as T };
  }
  return { base: next, draft: isDirty(edit) ? edit.draft : next };
}

/**
 * The kept edit for a value the server now holds as `current`, or null. An edit typed over an older value
 * than `current` is still returned (typed text is never dropped): the caller shows it as a conflict.
 */
export function loadEdit<T>(storage: Store | undefined, key: string, current: T): KeptEdit<T> | null {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!isRecord(parsed) || !('base' in parsed) || !('draft' in parsed)) return null;
    const kept = parsed as unknown as KeptEdit<T>;
    if (typeof kept.draft !== typeof current) return null;
    return isDirty(kept) && !same(kept.draft, current) ? kept : null;
  } catch {
    return null;
  }
}

export function saveEdit<T>(storage: Store | undefined, key: string, edit: KeptEdit<T>): void {
  try {
    if (isDirty(edit)) storage?.setItem(key, JSON.stringify(edit));
    else storage?.removeItem(key);
  } catch {
    // Storage full or refused: the field still works, it just is not kept.
  }
}
