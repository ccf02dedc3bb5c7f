import { memo, type HTMLAttributes, type KeyboardEvent, type Ref } from 'react';
import { formatDuration, type CardSummary, type Lane } from '@relay/shared';
import { liveHealth, minutesSince } from '../../utils/time';

export interface CardTileProps extends HTMLAttributes<HTMLDivElement> {
  card: CardSummary;
  lane: Lane | undefined;
  nowMs: number;
  /** Changes when someone else changed the card: restarts the highlight. */
  flash?: number;
  dragging?: boolean;
  overlay?: boolean;
  draggable?: boolean;
  tileRef?: Ref<HTMLDivElement>;
  onOpen?(): void;
}

function firstName(name: string): string {
  return name.split(' ')[0] ?? name;
}

/** A card on the board: customer, who holds it, checklist progress, time in lane and health. */
export const CardTile = memo(function CardTile({
  card,
  lane,
  nowMs,
  flash,
  dragging,
  overlay,
  draggable,
  tileRef,
  onOpen,
  onKeyDown,
  ...rest
}: CardTileProps) {
  const { health, overdueMinutes } = liveHealth(card, lane, nowMs);
  const inLane = minutesSince(card.enteredLaneAt, nowMs);
  const done = card.checklistRequired > 0 && card.checklistDone >= card.checklistRequired;
  const pct = card.checklistRequired > 0 ? Math.round((card.checklistDone / card.checklistRequired) * 100) : 100;
  const handleKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && onOpen) {
      e.preventDefault();
      onOpen();
      return;
    }
    onKeyDown?.(e);
  };
  return (
    <div
      {...rest}
      ref={tileRef}
      role="button"
      tabIndex={overlay ? -1 : 0}
      aria-label={card.title}
      data-card-id={card.id}
      data-health={health}
      className={`card card-${health} ${dragging ? 'is-dragging' : ''} ${overlay ? 'is-overlay' : ''} ${draggable ? 'is-draggable' : ''}`}
      onClick={onOpen}
      onKeyDown={handleKey}
    >
      {flash ? <span key={flash} className="card-flash" aria-hidden="true" /> : null}
      <div className="card-top">
        <span className="card-title">{card.title}</span>
        <span className={`flag flag-${card.riskFlag}`} title={`Risk flag: ${card.riskFlag}`} aria-hidden="true" />
      </div>
      <div className="card-meta">
        <span className="card-assignee">{card.assignee ? card.assignee.name : <em className="muted">Unassigned</em>}</span>
        <span
          className={`progress ${done ? 'progress-done' : ''}`}
          title={`Checklist ${card.checklistDone} of ${card.checklistRequired} done`}
        >
          <span className="progress-bar" aria-hidden="true">
            <span style={{ width: `${pct}%` }} />
          </span>
          {card.checklistDone}/{card.checklistRequired}
        </span>
      </div>
      <div className="card-meta">
        <span className="card-time" title="Time in lane">
          {formatDuration(inLane)} in lane
        </span>
        {health === 'stuck' && <span className="badge badge-stuck">overdue {formatDuration(overdueMinutes)}</span>}
        {health === 'at_risk' && <span className="badge badge-risk">at risk</span>}
      </div>
      <div className="card-pickup muted small">
        {card.pickedUpBy ? `Picked up by ${firstName(card.pickedUpBy.name)}` : lane?.terminal ? 'Closed' : 'Not picked up yet'}
      </div>
    </div>
  );
});
