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

/** The manual risk flag in words ("Flag: amber — reason"); null for green, which flags nothing. */
export function flagText(card: Pick<CardSummary, 'riskFlag' | 'riskReason'>): string | null {
  if (card.riskFlag === 'green') return null;
  return `Flag: ${card.riskFlag}${card.riskReason ? ` — ${card.riskReason}` : ''}`;
}

/** Time health in words: "Stuck 2d 4h over" / "At risk", for the badge and the tile's name. */
export function healthText(health: string, overdueMinutes: number): string | null {
  if (health === 'stuck') return `Stuck ${formatDuration(overdueMinutes)} over`;
  if (health === 'at_risk') return 'At risk';
  return null;
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
  const flag = flagText(card);
  const healthLabel = healthText(health, overdueMinutes);
  const progressText = `Checklist ${card.checklistDone} of ${card.checklistRequired} done`;
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
      data-card-id={card.id}
      data-health={health}
      className={`card card-${health} ${dragging ? 'is-dragging' : ''} ${overlay ? 'is-overlay' : ''} ${draggable ? 'is-draggable' : ''}`}
      onClick={onOpen}
      onKeyDown={handleKey}
    >
      {flash ? <span key={flash} className="card-flash" aria-hidden="true" /> : null}
      {/* The tile's accessible name is its text: customer, lane, progress, health, flag and holder. */}
      <div className="card-top">
        <span className="card-title">{card.title}</span>
        {lane && <span className="visually-hidden">, in {lane.name}.</span>}
        {flag && (
          <span className={`flag-chip flag-chip-${card.riskFlag}`} title={flag}>
            <span className={`flag flag-${card.riskFlag}`} aria-hidden="true" />
            {FLAG_NAMES[card.riskFlag]} flag
            <span className="visually-hidden">{card.riskReason ? ` — ${card.riskReason}.` : '.'}</span>
          </span>
        )}
      </div>
      <div className="card-meta">
        <span className="card-assignee">
          {card.assignee ? (
            <>
              <span className="visually-hidden">Assigned to </span>
              {card.assignee.name}
            </>
          ) : (
            <em className="muted">Unassigned</em>
          )}
          <span className="visually-hidden">. </span>
        </span>
        <span className={`progress ${done ? 'progress-done' : ''}`} title={progressText}>
          <span className="progress-bar" aria-hidden="true">
            <span style={{ width: `${pct}%` }} />
          </span>
          <span aria-hidden="true">
            {card.checklistDone}/{card.checklistRequired}
          </span>
          <span className="visually-hidden">{progressText}. </span>
        </span>
      </div>
      <div className="card-meta">
        {lane?.terminal && card.goLiveDate ? (
          <span className="card-time card-live" data-go-live-date={card.goLiveDate}>
            Live since {formatDay(card.goLiveDate)}
            <span className="visually-hidden">. </span>
          </span>
        ) : (
          <span className="card-time" title="Time in lane">
            {formatDuration(inLane)} in lane
            <span className="visually-hidden">. </span>
          </span>
        )}
        {healthLabel && <span className={`badge ${health === 'stuck' ? 'badge-stuck' : 'badge-risk'}`}>{healthLabel}</span>}
        <span className="visually-hidden">. </span>
      </div>
      {card.returned && (
        <p className="card-returned small" title={`Sent back from ${card.returned.fromName}: ${card.returned.reason}`}>
          Returned from {card.returned.fromName}: {card.returned.reason}
          <span className="visually-hidden">. </span>
        </p>
      )}
      <NextAction card={card} nowMs={nowMs} />
      <div className="card-pickup muted small">
        {card.pickedUpBy ? (
          <span className="card-holder" title={`Picked up by ${card.pickedUpBy.name}`}>
            <span className="visually-hidden">Picked up by </span>
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

/** "5 Dec 2026", for a finished card's go-live day. */
function formatDay(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

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
