import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromBoardResponse } from '../../realtime/board-state';
import { useBoardStore } from '../../realtime/board-store';
import { makeBoard, makeCard, makeLanes } from '../../test/fixtures';
import { BackMoveDialog } from './BackMoveDialog';
import { useMoveFlow } from './move-flow';

const lanes = makeLanes();

describe('BackMoveDialog', () => {
  it('refuses an empty reason with an error tied to the reason box (invalid, described by the error)', async () => {
    const card = makeCard(lanes[2]!);
    useBoardStore.getState().reset();
    useBoardStore.getState().receive(fromBoardResponse(makeBoard([card], 1, lanes)), []);
    useMoveFlow.setState({ pendingBack: { cardId: card.id, toLaneId: null } });
    render(<BackMoveDialog cardId={card.id} toLaneId={null} />);
    expect(screen.getByLabelText('Send it back to')).toHaveValue(lanes[1]!.id);
    const reason = screen.getByLabelText('Reason');
    expect(reason).toBeRequired();
    await userEvent.click(screen.getByRole('button', { name: 'Send back' }));
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveAccessibleDescription('Write why the card goes back.');
    expect(useMoveFlow.getState().pendingBack).not.toBeNull();
  });
});
