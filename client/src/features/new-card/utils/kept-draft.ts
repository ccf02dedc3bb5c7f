import { EMPTY_DRAFT, type SalesDraft } from './sales-draft';

/** A half-filled sales form is kept in this browser, per person, until it is created or discarded. */
export const draftKey = (userId: string) => `relay.new-card-draft.${userId}`;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Whether anything has been typed (an empty form is not worth keeping). */
export function isBlank(draft: SalesDraft): boolean {
  return Object.values(draft).every((v) => (Array.isArray(v) ? v.length === 0 : v.trim() === ''));
}

/** The kept draft, or null; anything unreadable or of another shape is ignored field by field. */
export function loadDraft(storage: Store | undefined, userId: string): SalesDraft | null {
  try {
    const raw = storage?.getItem(draftKey(userId));
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return null;
    const p = parsed as Record<string, unknown>;
    const draft: SalesDraft = { ...EMPTY_DRAFT };
    for (const key of Object.keys(EMPTY_DRAFT) as (keyof SalesDraft)[]) {
      const v = p[key];
      if (key === 'services') draft.services = Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
      else if (typeof v === 'string') draft[key] = v;
    }
    return isBlank(draft) ? null : draft;
  } catch {
    return null;
  }
}

export function saveDraft(storage: Store | undefined, userId: string, draft: SalesDraft): void {
  try {
    if (isBlank(draft)) storage?.removeItem(draftKey(userId));
    else storage?.setItem(draftKey(userId), JSON.stringify(draft));
  } catch {
    // Storage full or refused: the form still works, it just is not kept.
  }
}

export function clearDraft(storage: Store | undefined, userId: string): void {
  try {
    storage?.removeItem(draftKey(userId));
  } catch {
    // Nothing to do.
  }
}
