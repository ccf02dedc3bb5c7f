import { KeyboardCode, type KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * Arrow up/down jump the dragged row onto the neighbouring row (instead of nudging it a few pixels),
 * so a keyboard reorder is one key press per place.
 */
export const rowCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  const { collisionRect, droppableRects, droppableContainers } = context;
  const dir = event.code === KeyboardCode.Down ? 1 : event.code === KeyboardCode.Up ? -1 : 0;
  if (!collisionRect || dir === 0) return undefined;
  event.preventDefault();
  const centre = collisionRect.top + collisionRect.height / 2;
  let best: { top: number; height: number } | null = null;
  for (const container of droppableContainers.getEnabled()) {
    const rect = droppableRects.get(container.id);
    if (!rect) continue;
    const rowCentre = rect.top + rect.height / 2;
    const ahead = dir > 0 ? rowCentre > centre + 1 : rowCentre < centre - 1;
    if (ahead && (!best || Math.abs(rowCentre - centre) < Math.abs(best.top + best.height / 2 - centre))) best = rect;
  }
  if (!best) return undefined;
  return { x: currentCoordinates.x, y: currentCoordinates.y + (best.top + best.height / 2 - centre) };
};
