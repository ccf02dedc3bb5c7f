import { useEffect, useRef } from 'react';
import { canCompleteItem, summaryOf, type Lane, type MissingItem, type User } from '@relay/shared';
import { cardsApi } from '../../api/cards';
import { useBoardStore, useDepartmentName } from '../../realtime/board-store';
import { Dialog } from '../../ui/Dialog';
import { roleName } from '../../utils/card-summary';
import { ChecklistValueInput } from '../card/ChecklistValueInput';
import { RemindButton } from '../card/RemindButton';
import { useMoveFlow, type Refusal } from './move-flow';

interface Props {
  refusal: Refusal;
  user: User;
}

/**
 * Why a move was refused: the lane's missing items. Items this person may complete are filled in place;
 * once none is missing the move is tried again. Others' items name their owners and offer a reminder.
 */
export function MissingItemsPanel({ refusal, user }: Props) {
  const card = useBoardStore((s) => s.data?.cards[refusal.cardId]);
  const lanes = useBoardStore((s) => s.data?.lanes);
  const { itemFilled, closeRefusal, attemptMove } = useMoveFlow.getState();
  const fromLane = lanes?.find((l) => l.id === card?.laneId);
  const toLane = lanes?.find((l) => l.id === refusal.toLaneId);
  const retried = useRef(false);

  useEffect(() => {
    if (refusal.missing.length > 0 || retried.current) return;
    retried.current = true;
    void attemptMove(refusal.cardId, refusal.toLaneId).then((outcome) => {
      if (outcome === 'moved') return;
      if (outcome === 'incomplete') retried.current = false;
      else closeRefusal();
    });
  }, [refusal, attemptMove, closeRefusal, card?.title, toLane?.name]);

  const title = `${card?.title ?? 'This card'} can't move to ${toLane?.name ?? 'the next lane'} yet`;
  return (
    <Dialog
      title={title}
      onClose={closeRefusal}
      className="dialog-wide"
      description={`${fromLane?.name ?? 'This lane'} still needs these items:`}
    >
      {refusal.missing.length === 0 ? (
        <p className="muted" role="status">
          All items are done — moving the card…
        </p>
      ) : (
        <ul className="missing-list" aria-label="Missing items">
          {refusal.missing.map((m) => (
            <MissingRow key={m.itemId} item={m} lane={fromLane} user={user} cardId={refusal.cardId} onFilled={() => itemFilled(m.itemId)} />
          ))}
        </ul>
      )}
      <footer className="dialog-actions">
        <button type="button" className="button" onClick={closeRefusal}>
          Close
        </button>
      </footer>
    </Dialog>
  );
}

interface RowProps {
  item: MissingItem;
  lane: Lane | undefined;
  user: User;
  cardId: string;
  onFilled(): void;
}

function MissingRow({ item, lane, user, cardId, onFilled }: RowProps) {
  const departmentName = useDepartmentName();
  const card = useBoardStore((s) => s.data?.cards[cardId]);
  const template = lane?.checklist.find((t) => t.id === item.itemId);
  const editable = !!lane && !!template && canCompleteItem(user, lane, template);
  return (
    <li className="missing-item" data-item-id={item.itemId} data-editable={editable ? 'true' : 'false'}>
      <div className="missing-label">
        <strong>{item.label}</strong>
        {!editable && (
          <span className="muted small">
            {' '}
            — {departmentName(item.department)}
            {item.role ? ` (${roleName(item.role)})` : ''}
          </span>
        )}
      </div>
      {editable && template ? (
        <ChecklistValueInput
          cardId={cardId}
          item={template}
          value={null}
          onSave={async (value) => {
            const card = await cardsApi.setItem(cardId, item.itemId, value);
            useBoardStore.getState().putCard(summaryOf(card));
            onFilled();
          }}
        />
      ) : (
        card && lane && <RemindButton card={card} lane={lane} item={{ itemId: item.itemId, label: item.label, role: item.role ?? null }} />
      )}
    </li>
  );
}
