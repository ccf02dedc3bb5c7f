import { memo, startTransition, useEffect, useRef, useState, type RefObject } from 'react';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CardSummary, Lane, User } from '@relay/shared';
import { useBoardStore, useDepartmentName } from '../../realtime/board-store';

import { formatLimit } from '../../utils/time';
import { followLink, hrefWith, openCard } from '../../utils/url-state';
import { cardsViewParams, OLDER_CLOSED_QUERY } from '../cards/cards-url';
import { CardTile } from './CardTile';
import { TileMenu } from './TileMenu';
import { dropHint, type DropVerdict } from './utils/drag-rules';

interface LaneProps {
  lane: Lane;
  cardIds: readonly string[];
  /** How this lane takes the card being dragged (undefined when nothing is dragged). */
  verdict: DropVerdict | undefined;
  /** Required items the dragged card still lacks (its gate into the next lane). */
  missing: number;
  canDrag: boolean;
  nowMs: number;
  activeId: string | null;
  filtered: boolean;
  user: User;
  /** Compact board: the lane as a narrow column with its count. */
  collapsed?: boolean;
  /** Compact board: opens or closes the lane by hand. */
  onToggleCollapsed?(laneId: string): void;
  /** The lane's place on the board (0 = first), for guessing whether it is on screen before it is observed. */
  index?: number;
  /** Render the tiles wherever the lane is (the compact board fits every lane on screen). */
  allInView?: boolean;
}

const CARD_HEIGHT = 118;
/** Lanes this far beyond the board's visible width render their tiles too (one lane and a bit). */
const LANE_MARGIN_PX = 320;
const LANE_PITCH_PX = 296;
/** When the lanes off screen start filling in after the board's first render, one lane per step. */
const LANE_FILL_AFTER_MS = 1000;
const LANE_FILL_STEP_MS = 150;

/**
 * Whether the lane renders its tiles: at first only when it is on screen or within LANE_MARGIN_PX of it,
 * sideways, in the board's scroller (a phone shows one lane of eight; before the first observation, a guess
 * by position), so the first load renders what is seen. The other lanes fill in one by one once the browser is
 * idle, so every tile is there soon after (find in page, a tile to return focus to).
 */
function useLaneInView(ref: RefObject<HTMLElement | null>, index: number, always: boolean): boolean {
  const [inView, setInView] = useState(
    () => always || typeof window === 'undefined' || index * LANE_PITCH_PX < window.innerWidth + LANE_MARGIN_PX,
  );
  const [filled, setFilled] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (always || !el || typeof IntersectionObserver === 'undefined') return setInView(true);
    const observer = new IntersectionObserver(([entry]) => entry && setInView(entry.isIntersecting), {
      root: el.closest('.board'),
      rootMargin: `0px ${LANE_MARGIN_PX}px`,
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, always]);
  useEffect(() => {
    const fill = () => startTransition(() => setFilled(true));
    const idle = typeof requestIdleCallback === 'function' ? () => requestIdleCallback(fill, { timeout: 2000 }) : fill;
    const timer = setTimeout(idle, LANE_FILL_AFTER_MS + index * LANE_FILL_STEP_MS);
    return () => clearTimeout(timer);
  }, [index]);
  return inView || filled;
}

/**
 * False for the lane's first render, then true in a transition: the board paints its lanes at once and
 * React renders the tiles in slices, yielding to the browser (no long task on a slow phone).
 */
function useTilesAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => startTransition(() => setReady(true)), []);
  return ready;
}

/** One lane: header, and its cards as a virtualised list so thousands stay smooth. */
export const LaneColumn = memo(function LaneColumn({
  lane,
  cardIds,
  verdict,
  missing,
  canDrag,
  nowMs,
  activeId,
  filtered,
  user,
  collapsed = false,
  onToggleCollapsed,
  index = 0,
  allInView = false,
}: LaneProps) {
  const { setNodeRef: setDropRef, isOver } = useDroppable({ id: lane.id, data: { lane } });
  const laneRef = useRef<HTMLElement | null>(null);
  const setNodeRef = (el: HTMLElement | null) => {
    laneRef.current = el;
    setDropRef(el);
  };
  const inView = useLaneInView(laneRef, index, allInView);
  const tilesReady = useTilesAfterFirstPaint();
  const departmentName = useDepartmentName();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: cardIds.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT,
    overscan: 6,
    getItemKey: (i) => cardIds[i] ?? i,
    initialRect: { width: 280, height: 800 },
  });
  const refused = verdict === 'refused';
  const hint = dropHint(verdict, missing);
  const label = lane.name;
  const count = `${cardIds.length} ${cardIds.length === 1 ? 'card' : 'cards'}${filtered ? ' shown' : ''}`;
  if (collapsed) {
    // Still a drop target (an empty next lane takes the card), narrow, with its count.
    return (
      <section
        ref={setNodeRef}
        className={`lane lane-collapsed ${verdict ? `lane-drop-${hint?.tone === 'blocked' ? 'blocked' : verdict}` : ''} ${isOver ? 'is-over' : ''}`}
        data-lane-key={lane.key}
        data-lane-id={lane.id}
        data-collapsed="true"
        aria-label={label}
        aria-disabled={refused || undefined}
      >
        <h2 className="lane-collapsed-title">
          <button
            type="button"
            className="lane-expand"
            aria-expanded="false"
            aria-label={`${lane.name}, ${count}: show`}
            title={hint?.text}
            onClick={() => onToggleCollapsed?.(lane.id)}
          >
            <span className="lane-count">{cardIds.length}</span>
            <span className="lane-collapsed-name">{lane.name}</span>
          </button>
        </h2>
      </section>
    );
  }
  return (
    <section
      ref={setNodeRef}
      className={`lane ${verdict ? `lane-drop-${hint?.tone === 'blocked' ? 'blocked' : verdict}` : ''} ${isOver ? 'is-over' : ''}`}
      data-lane-key={lane.key}
      data-lane-id={lane.id}
      aria-label={label}
      aria-disabled={refused || undefined}
    >
      <header className="lane-header">
        <div className="lane-title">
          <h2>{lane.name}</h2>
          <span className="lane-count-group">
            <span className="lane-count" aria-label={count}>
              {cardIds.length}
            </span>
            {onToggleCollapsed && (
              <button
                type="button"
                className="lane-collapse"
                aria-expanded="true"
                aria-label={`Collapse ${lane.name}`}
                onClick={() => onToggleCollapsed(lane.id)}
              >
                <span aria-hidden="true">‹</span>
              </button>
            )}
          </span>
        </div>
        <div className="lane-sub muted small">
          <span>{lane.terminal ? 'Closed onboardings' : departmentName(lane.department)}</span>
          {lane.timeLimitHours !== null && (
            <span className="lane-limit" title="Time limit in this lane" aria-label={`Time limit ${formatLimit(lane.timeLimitHours)}`}>
              <svg width="12" height="12" viewBox="0 0 24 24" aria-hidden="true">
                <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2.2" />
                <path d="M12 7v5l3 2" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
              </svg>
              {formatLimit(lane.timeLimitHours)}
            </span>
          )}
        </div>
        {lane.terminal && <OlderClosedLink />}
        {hint && <div className={`lane-hint lane-hint-${hint.tone}`}>{hint.text}</div>}
      </header>
      <div ref={scrollRef} className="lane-scroll">
        {cardIds.length === 0 ? (
          <p className="lane-empty muted small">{filtered ? 'No cards match the filters' : 'No cards here'}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {(inView && tilesReady ? virtualizer.getVirtualItems() : []).map((row) => {
              const id = cardIds[row.index];
              if (!id) return null;
              return (
                <div
                  key={row.key}
                  data-index={row.index}
                  ref={virtualizer.measureElement}
                  className="lane-row"
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  <DraggableCard cardId={id} lane={lane} nowMs={nowMs} canDrag={canDrag} dragging={activeId === id} user={user} />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
});

interface DraggableProps {
  cardId: string;
  lane: Lane;
  nowMs: number;
  canDrag: boolean;
  dragging: boolean;
  user: User;
}

function DraggableCard({ cardId, lane, nowMs, canDrag, dragging, user }: DraggableProps) {
  const card = useBoardStore((s) => s.data?.cards[cardId]) as CardSummary | undefined;
  const flash = useBoardStore((s) => s.flashes[cardId]);
  const { attributes, listeners, setNodeRef } = useDraggable({ id: cardId, data: { laneId: lane.id }, disabled: !canDrag });
  if (!card) return null;
  // The card stays an enabled button (it opens the drawer) even when this person cannot drag it.
  const { role: _role, tabIndex: _tab, 'aria-disabled': _disabled, ...a11y } = attributes;
  return (
    <>
      <CardTile
        {...a11y}
        {...listeners}
        tileRef={setNodeRef}
        card={card}
        lane={lane}
        nowMs={nowMs}
        flash={flash}
        dragging={dragging}
        draggable={canDrag}
        aria-roledescription={canDrag ? 'draggable card' : 'card'}
        onOpen={() => openCard(card.id)}
      />
      {!lane.terminal && <TileMenu card={card} user={user} />}
    </>
  );
}

/** Done shows only the recently closed cards; the rest are in the Cards view. */
function OlderClosedLink() {
  const changes = cardsViewParams(OLDER_CLOSED_QUERY);
  return (
    <a className="lane-more small" href={hrefWith(changes)} onClick={followLink(changes)}>
      Older closed cards <span aria-hidden="true">→</span>
    </a>
  );
}
