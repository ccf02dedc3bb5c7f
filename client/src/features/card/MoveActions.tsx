import { allowedTargets, type Lane, type User } from '@relay/shared';
import { useBoardStore } from '../../realtime/board-store';
import { canDragFrom, gateText } from '../board/utils/drag-rules';
import { useMoveFlow } from '../board/move-flow';
import './move-actions.css';

interface Props {
  cardId: string;
  user: User;
  /** Called before an action runs (the tile's menu closes itself). */
  onAction?(): void;
}

/**
 * Moving without dragging: "Move to ‹next lane›" and "Send back…", for mouse, keyboard, touch and phones.
 * A blocked move opens the same missing-items panel as a drop; a send-back asks for its lane and reason.
 */
export function MoveActions({ cardId, user, onAction }: Props) {
  const card = useBoardStore((s) => s.data?.cards[cardId]);
  const lanes = useBoardStore((s) => s.data?.lanes);
  const from = lanes?.find((l) => l.id === card?.laneId);
  if (!card || !from || !lanes || from.terminal) return null;
  if (!canDragFrom(user, from)) {
    return (
      <div className="move-actions muted small" data-testid="move-actions">
        Only {from.name}&rsquo;s team moves it on.
      </div>
    );
  }
  const { forward, back } = allowedTargets<Lane>(from, lanes);
  const missing = card.checklistRequired - card.checklistDone;
  return (
    <div className="move-actions" role="group" aria-label="Move the card" data-testid="move-actions">
      {forward && (
        <button
          type="button"
          className="button button-primary button-small"
          aria-describedby={missing > 0 ? `move-gate-${cardId}` : undefined}
          onClick={() => {
            onAction?.();
            void useMoveFlow.getState().attemptMove(cardId, forward.id);
          }}
        >
          Move to {forward.name}
        </button>
      )}
      {back.length > 0 && (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            onAction?.();
            useMoveFlow.getState().askReason(cardId, null);
          }}
        >
          Send back…
        </button>
      )}
      {forward && missing > 0 && (
        <span id={`move-gate-${cardId}`} className="move-gate small">
          {gateText(missing)}
        </span>
      )}
    </div>
  );
}
