import { useMemo, useState } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  closestCorners,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import type { CardSummary, Lane, User } from '@relay/shared';
import { groupByLane } from '../../realtime/board-state';
import { usePipelineNow } from '../../realtime/clock';
import { toast } from '../../ui/toast-store';
import { CardTile } from './CardTile';
import { useDensity } from './density-store';
import { LaneColumn } from './LaneColumn';
import { useMoveFlow } from './move-flow';
import { cardMatcher, hasFilters, type BoardFilters } from './utils/filters';
import { canDragFrom, dropVerdicts, gateText, missingCount, refusalReason, type DropVerdict } from './utils/drag-rules';
import { laneCoordinates } from './utils/keyboard-lanes';
import { isCollapsed } from './utils/density';

interface BoardProps {
  lanes: Lane[];
  cards: Record<string, CardSummary>;
  user: User;
  filters: BoardFilters;
}

interface DragState {
  /** The card as it was when picked up (the snapshot a refused move restores). */
  snapshot: CardSummary;
  verdicts: Record<string, DropVerdict>;
}

function useAnnouncements(lanes: Lane[], cards: Record<string, CardSummary>, drag: DragState | null): Announcements {
  const laneName = (id: unknown) => lanes.find((l) => l.id === id)?.name ?? 'a lane';
  const title = (id: unknown) => (typeof id === 'string' ? cards[id]?.title : undefined) ?? 'Card';
  const verdictText = (laneId: unknown) => {
    const v = typeof laneId === 'string' ? drag?.verdicts[laneId] : undefined;
    const missing = drag ? missingCount(drag.snapshot) : 0;
    if (v === 'forward' && missing > 0) return `It can't enter yet: ${gateText(missing)}. Dropping lists what is missing.`;
    if (v === 'forward') return 'Drop to move it on.';
    if (v === 'back') return 'Drop to send it back; a reason will be asked.';
    if (v === 'refused') return 'This lane does not take it.';
    return 'This is its current lane.';
  };
  return {
    onDragStart: ({ active }) =>
      `Picked up ${title(active.id)} in ${laneName(cards[String(active.id)]?.laneId)}. Use the arrow keys to choose a lane, space to drop, escape to cancel.`,
    onDragOver: ({ active, over }) =>
      over ? `${title(active.id)} is over ${laneName(over.id)}. ${verdictText(over.id)}` : `${title(active.id)} is not over a lane.`,
    onDragEnd: ({ active, over }) =>
      over ? `${title(active.id)} was dropped on ${laneName(over.id)}.` : `${title(active.id)} was dropped outside the lanes.`,
    onDragCancel: ({ active }) => `Moving ${title(active.id)} was cancelled. It stays in ${laneName(cards[String(active.id)]?.laneId)}.`,
  };
}

/** The lanes side by side, with drag and drop across them (dnd-kit's multiple-containers pattern). */
export function Board({ lanes, cards, user, filters }: BoardProps) {
  const nowMs = usePipelineNow();
  const [drag, setDrag] = useState<DragState | null>(null);
  const compact = useDensity((s) => s.density === 'compact');
  // Lanes opened or closed by hand in the compact board (the others follow isCollapsed's default).
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const toggleLane = (id: string) =>
    setToggled((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const filtered = hasFilters(filters);
  const columns = useMemo(
    () => groupByLane(lanes, cards, filtered ? cardMatcher(filters, user, lanes) : undefined),
    [lanes, cards, filters, filtered, user],
  );
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: laneCoordinates,
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space'] },
    }),
  );
  const announcements = useAnnouncements(lanes, cards, drag);
  const draggableLanes = useMemo(() => new Set(lanes.filter((l) => canDragFrom(user, l)).map((l) => l.id)), [lanes, user]);

  function onDragStart({ active }: DragStartEvent) {
    const card = cards[String(active.id)];
    const from = lanes.find((l) => l.id === card?.laneId);
    if (card && from) setDrag({ snapshot: card, verdicts: dropVerdicts(from, lanes, user) });
  }

  function onDragEnd({ over }: DragEndEvent) {
    const current = drag;
    setDrag(null);
    if (!current || !over) return;
    const toLaneId = String(over.id);
    const verdict = current.verdicts[toLaneId];
    const from = lanes.find((l) => l.id === current.snapshot.laneId);
    const to = lanes.find((l) => l.id === toLaneId);
    if (!from || !to || verdict === 'same' || verdict === undefined) return;
    if (verdict === 'refused') toast.error(refusalReason(from, to, user));
    else if (verdict === 'back') useMoveFlow.getState().askReason(current.snapshot.id, toLaneId);
    // Its "moved" toast (with Undo) comes from the move flow.
    else void useMoveFlow.getState().attemptMove(current.snapshot.id, toLaneId);
  }

  const activeCard = drag ? cards[drag.snapshot.id] : undefined;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'To move a card, press space, then the left or right arrow to choose a lane, and space again to drop. Press enter to open it.',
        },
      }}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDrag(null)}
    >
      <div className={`board ${compact ? 'board-compact' : ''}`} aria-label="Onboarding board">
        {lanes.map((lane, index) => (
          <LaneColumn
            key={lane.id}
            lane={lane}
            index={index}
            allInView={compact}
            cardIds={columns[lane.id] ?? []}
            verdict={drag?.verdicts[lane.id]}
            missing={drag ? missingCount(drag.snapshot) : 0}
            canDrag={draggableLanes.has(lane.id)}
            nowMs={nowMs}
            activeId={drag?.snapshot.id ?? null}
            filtered={filtered}
            user={user}
            collapsed={isCollapsed(lane, (columns[lane.id] ?? []).length, compact, toggled)}
            onToggleCollapsed={compact ? toggleLane : undefined}
          />
        ))}
      </div>
      <DragOverlay dropAnimation={null}>
        {activeCard ? <CardTile card={activeCard} lane={lanes.find((l) => l.id === activeCard.laneId)} nowMs={nowMs} overlay /> : null}
      </DragOverlay>
    </DndContext>
  );
}
