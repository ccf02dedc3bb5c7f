import { positionAfter, positionAt, type ChecklistTemplateItem } from '@relay/shared';

/** Items in the order the lane shows them: by position, then as listed. */
export function byPosition(items: readonly ChecklistTemplateItem[]): ChecklistTemplateItem[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.position - b.item.position || a.i - b.i)
    .map((x) => x.item);
}

export function activeItems(items: readonly ChecklistTemplateItem[]): ChecklistTemplateItem[] {
  return byPosition(items).filter((i) => !i.retired);
}

export function retiredItems(items: readonly ChecklistTemplateItem[]): ChecklistTemplateItem[] {
  return byPosition(items).filter((i) => i.retired);
}

/** A new item goes to the end of the lane (the server appends it). */
export function withAdded(items: readonly ChecklistTemplateItem[], item: Omit<ChecklistTemplateItem, 'position'>): ChecklistTemplateItem[] {
  return [...items, { ...item, position: positionAfter(items.map((i) => i.position)) }];
}

export function withPatched(
  items: readonly ChecklistTemplateItem[],
  id: string,
  patch: Partial<ChecklistTemplateItem>,
): ChecklistTemplateItem[] {
  return items.map((i) => (i.id === id ? { ...i, ...patch, id: i.id, laneId: i.laneId, position: i.position, kind: i.kind } : i));
}

export function withRetired(items: readonly ChecklistTemplateItem[], id: string): ChecklistTemplateItem[] {
  return items.map((i) => (i.id === id ? { ...i, retired: true } : i));
}

/** Active items renumbered in the order of `ids`; retired ones keep their place after them. */
export function withOrder(items: readonly ChecklistTemplateItem[], ids: readonly string[]): ChecklistTemplateItem[] {
  const rank = new Map(ids.map((id, i) => [id, i]));
  return items.map((i) => (rank.has(i.id) ? { ...i, position: positionAt(rank.get(i.id)!) } : i));
}
