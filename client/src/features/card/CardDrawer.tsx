import { useEffect, useRef, useState } from 'react';
import { canAssign, canEditDetails, canPickUp, canShareCard, formatDuration, type Card, type Lane, type User } from '@relay/shared';
import { cardsApi } from '../../api/cards';
import { ApiError, errorMessage } from '../../api/http';
import { useBoardStore, useDepartmentName } from '../../realtime/board-store';
import { usePipelineNow } from '../../realtime/clock';
import { ErrorState, LoadingState } from '../../ui/states';
import { toast } from '../../ui/toast-store';

import { durationSince, minutesSince } from '../../utils/time';
import { closeCard } from '../../utils/url-state';
import { ActivitySection } from './ActivitySection';
import { AssigneePicker } from './AssigneePicker';
import { CardStory } from './CardStory';
import { ChecklistSection } from './ChecklistSection';
import { DetailsSection } from './DetailsSection';
import { ShareSection } from './ShareSection';
import { MoveActions } from './MoveActions';
import { RemindButton } from './RemindButton';
import { TrackerSection } from './TrackerSection';
import { useCard, type CardState } from './use-card';
import { useFocusReturn } from './use-focus-return';
import './handoffs.css';

/** The card in full beside the board (`?card=<id>`): checklists, tracker, details and history. */
export function CardDrawer({ cardId, user }: { cardId: string; user: User }) {
  const state = useCard(cardId);
  const lanes = useBoardStore((s) => s.data?.lanes) ?? [];
  const closeRef = useRef<HTMLButtonElement>(null);
  useFocusReturn(cardId);
  useEffect(() => {
    closeRef.current?.focus();
    // A handled Escape (a picker or menu closing) leaves the card open.
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('dialog[open]') && closeCard();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cardId]);

  const title = state.card?.title ?? 'Card';
  return (
    <aside className="drawer" role="dialog" aria-modal="false" aria-label={`Card: ${title}`}>
      <div className="drawer-top">
        <button ref={closeRef} type="button" className="icon-button" aria-label="Close card" onClick={closeCard}>
          ×
        </button>
      </div>
      {state.loading && !state.card ? (
        <LoadingState text="Loading card…" />
      ) : !state.card ? (
        <ErrorState text={state.error ?? 'Could not load the card'} onRetry={() => void state.refresh()} />
      ) : (
        <DrawerBody state={state} card={state.card} lanes={lanes} user={user} />
      )}
    </aside>
  );
}

function DrawerBody({ state, card, lanes, user }: { state: CardState; card: Card; lanes: Lane[]; user: User }) {
  const lane = lanes.find((l) => l.id === card.laneId);
  const nowMs = usePipelineNow();
  return (
    <div className="drawer-body">
      <header className="drawer-header">
        <h2>{card.title}</h2>
        <p className="muted">
          {card.lane?.name ?? lane?.name}
          {/* A finished card shows its go-live day (below), not a time in lane that only grows. */}
          {!(lane?.terminal && card.goLiveDate) && <> · {formatDuration(minutesSince(card.enteredLaneAt, nowMs))} in lane</>}
          {card.health === 'stuck' && <span className="badge badge-stuck">overdue {formatDuration(card.overdueMinutes)}</span>}
          {card.health === 'at_risk' && <span className="badge badge-risk">at risk</span>}
        </p>
        {card.goLiveDate && (
          <p className="go-live" data-go-live-date={card.goLiveDate}>
            Went live on{' '}
            <time dateTime={card.goLiveDate}>
              {new Date(`${card.goLiveDate}T00:00:00Z`).toLocaleDateString([], {
                day: 'numeric',
                month: 'long',
                year: 'numeric',
                timeZone: 'UTC',
              })}
            </time>
          </p>
        )}
        <div className="drawer-people">
          <AssigneePicker card={card} lane={lane} canEdit={!!lane && canAssign(user, lane)} patch={state.patch} />
          <Pickup card={card} lane={lane} canPick={!!lane && canPickUp(user, lane)} user={user} nowMs={nowMs} state={state} />
        </div>
        <CardStory card={card} events={state.events} />
        <div className="drawer-lane-actions">
          <MoveActions cardId={card.id} user={user} />
          {lane && <RemindButton card={card} lane={lane} />}
        </div>
      </header>
      <section aria-labelledby="sec-checklist" className="drawer-section">
        <h3 id="sec-checklist">Checklist</h3>
        <ChecklistSection card={card} lanes={lanes} user={user} accept={state.accept} />
      </section>
      <section aria-labelledby="sec-tracker" className="drawer-section">
        <h3 id="sec-tracker">Tracker</h3>
        <TrackerSection card={card} canEdit={!!lane && canEditDetails(user, lane)} patch={state.patch} />
      </section>
      <section aria-labelledby="sec-share" className="drawer-section">
        <h3 id="sec-share">Share with customer</h3>
        <ShareSection card={card} canShare={!!lane && canShareCard(user, lane)} />
      </section>
      <section aria-labelledby="sec-details" className="drawer-section">
        <h3 id="sec-details">Details</h3>
        <DetailsSection card={card} canEdit={!!lane && canEditDetails(user, lane)} patch={state.patch} />
      </section>
      <section aria-labelledby="sec-activity" className="drawer-section">
        <h3 id="sec-activity">Activity</h3>
        <ActivitySection cardId={card.id} events={state.events} onCommented={() => void state.refresh()} />
      </section>
    </div>
  );
}

interface PickupProps {
  card: Card;
  lane: Lane | undefined;
  /** `canPickUp`: only members of the lane's department take its handoffs (others may assign). */
  canPick: boolean;
  user: User;
  nowMs: number;
  state: Pick<CardState, 'accept' | 'refresh'>;
}

/** Who holds the card in this lane and since when, or "I've got it" for those who may take it. */
function Pickup({ card, lane, canPick, user, nowMs, state }: PickupProps) {
  const departmentName = useDepartmentName();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  async function pickUp() {
    setBusy(true);
    setRefusal(null);
    try {
      state.accept(await cardsApi.pickup(card.id));
      toast.success("You've got it");
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ALREADY_PICKED_UP') {
        setRefusal('Someone else picked this card up first.');
        void state.refresh();
      } else if (err instanceof ApiError && err.status === 403) setRefusal(err.message);
      else toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const alert = refusal && (
    <span className="pickup-refusal" role="alert">
      {refusal}
    </span>
  );
  if (card.pickedUpBy) {
    const mine = card.pickedUpBy.id === user.id;
    const since = card.pickedUpAt ? durationSince(card.pickedUpAt, nowMs) : null;
    return (
      <span className="pickup">
        <span className="pickup-holder" title={card.pickedUpAt ? new Date(card.pickedUpAt).toLocaleString() : undefined}>
          Picked up by {mine ? 'you' : card.pickedUpBy.name}
          {since && ` · ${since === 'just now' ? since : `${since} ago`}`}
        </span>
        {!mine && alert}
      </span>
    );
  }
  if (lane?.terminal) return null;
  if (!canPick) {
    return <span className="muted">Not picked up yet{lane?.department ? ` · waiting for ${departmentName(lane.department)}` : ''}</span>;
  }
  return (
    <span className="pickup">
      <button type="button" className="button button-primary button-small" disabled={busy} onClick={() => void pickUp()}>
        {busy ? 'Picking up…' : "I've got it"}
      </button>
      {alert}
    </span>
  );
}
