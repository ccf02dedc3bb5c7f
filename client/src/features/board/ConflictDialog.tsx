import type { CardEvent } from '@relay/shared';
import { Dialog } from '../../ui/Dialog';
import { openCard } from '../../utils/url-state';
import { useMoveFlow, type Conflict } from './move-flow';

function describe(e: CardEvent): string {
  const what: Record<string, string> = {
    moved: 'moved it',
    sent_back: 'sent it back',
    checklist_set: 'ticked a checklist item',
    checklist_cleared: 'cleared a checklist item',
    updated: 'edited it',
    comment: 'commented',
    picked_up: 'picked it up',
    created: 'created it',
  };
  return `${e.actor?.name ?? 'Someone'} ${what[e.type] ?? e.type.replace(/_/g, ' ')} at ${new Date(e.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
}

/** Someone changed the card first: show where it truly is now and who changed it. */
export function ConflictDialog({ conflict }: { conflict: Conflict }) {
  const close = useMoveFlow.getState().closeConflict;
  const { card, lastEvent } = conflict;
  return (
    <Dialog
      title={`${card.title} changed meanwhile`}
      onClose={close}
      description="Your change was not applied, so nothing was overwritten. The board now shows the card as it is."
    >
      <dl className="facts">
        <dt>Lane now</dt>
        <dd>{card.lane?.name ?? card.laneKey}</dd>
        <dt>Changed by</dt>
        <dd>{lastEvent ? describe(lastEvent) : lastEvent === undefined ? 'Loading…' : 'Someone else'}</dd>
        <dt>Checklist</dt>
        <dd>
          {card.checklistDone}/{card.checklistRequired} done
        </dd>
      </dl>
      <footer className="dialog-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            close();
            openCard(card.id);
          }}
        >
          Open card
        </button>
        <button type="button" className="button button-primary" onClick={close}>
          OK
        </button>
      </footer>
    </Dialog>
  );
}
