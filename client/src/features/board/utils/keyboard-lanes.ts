import { KeyboardCode, type KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * Arrow left/right jump the dragged card to the neighbouring lane (instead of nudging it a few pixels),
 * so a keyboard drag is two or three key presses.
 */
export const laneCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  const { collisionRect, droppableRects, droppableContainers } = context;
  if (!collisionRect) return undefined;
  const dir = event.code === KeyboardCode.Right ? 1 : event.code === KeyboardCode.Left ? -1 : 0;
  if (dir === 0) {
    if (event.code === KeyboardCode.Down) return { ...currentCoordinates, y: currentCoordinates.y + 40 };
    if (event.code === KeyboardCode.Up) return { ...currentCoordinates, y: currentCoordinates.y - 40 };
    return undefined;
  }
  event.preventDefault();
  const centre = collisionRect.left + collisionRect.width / 2;
  let best: { left: number; width: number } | null = null;
  for (const container of droppableContainers.getEnabled()) {
    const rect = droppableRects.get(container.id);
    if (!rect) continue;
    const laneCentre = rect.left + rect.width / 2;
    const ahead = dir > 0 ? laneCentre > centre + 1 : laneCentre < centre - 1;
    if (!ahead) continue;
    if (!best || Math.abs(laneCentre - centre) < Math.abs(best.left + best.width / 2 - centre)) best = rect;
  }
  if (!best) return undefined;
  const dx = best.left + best.width / 2 - centre;
  return { x: currentCoordinates.x + dx, y: currentCoordinates.y };
};
