import { memo, type HTMLAttributes, type KeyboardEvent, type Ref } from 'react';
import { formatDuration, type CardSummary, type Lane } from '@relay/shared';
import { dueState, formatDue } from '../../utils/due';
import { durationSince, liveHealth, minutesSince } from '../../utils/time';
import './card-tile.css';

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

const FLAG_NAMES = { green: 'Green', amber: 'Amber', red: 'Red' } as const;

/** The flag's tooltip: colour, and the reason when it is not green. */
function flagTitle(card: CardSummary): string {
  const name = FLAG_NAMES[card.riskFlag];
  return card.riskFlag !== 'green' && card.riskReason ? `${name} risk: ${card.riskReason}` : `Risk flag: ${name.toLowerCase()}`;
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
        <span className={`flag flag-${card.riskFlag}`} title={flagTitle(card)} aria-hidden="true" />
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
      <NextAction card={card} nowMs={nowMs} />
      <div className="card-pickup muted small">
        {card.pickedUpBy ? (
          <span className="card-holder" title={`Picked up by ${card.pickedUpBy.name}`}>
            {card.pickedUpBy.name}
            {card.pickedUpAt && ` · ${durationSince(card.pickedUpAt, nowMs)}`}
          </span>
        ) : lane?.terminal ? (
          'Closed'
        ) : (
          'Not picked up yet'
        )}
      </div>
    </div>
  );
});

/** "Next: Call buyer · due Nov 25", red once the due day has passed. */
function NextAction({ card, nowMs }: { card: CardSummary; nowMs: number }) {
  if (!card.nextActionText && !card.nextActionDue) return null;
  const state = dueState(card.nextActionDue, nowMs);
  const due = card.nextActionDue ? formatDue(card.nextActionDue, nowMs) : null;
  const text = `Next: ${card.nextActionText ?? 'action'}${due ? ` · due ${due}` : ''}`;
  return (
    <div
      className={`card-next small ${state ? `is-${state}` : ''}`}
      data-due={state ?? undefined}
      title={state === 'overdue' ? `Overdue: ${text}` : text}
    >
      {text}
      {state === 'overdue' && <span className="visually-hidden"> (overdue)</span>}
    </div>
  );
}
