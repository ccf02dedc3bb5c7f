import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromBoardResponse } from '../../realtime/board-state';
import { useBoardStore } from '../../realtime/board-store';
import { errorReply, fullCard, makeBoard, makeCard, makeLanes, makeUser, mockFetch } from '../../test/fixtures';
import { Toasts } from '../../ui/Toasts';
import { useToasts } from '../../ui/toast-store';
import { BackMoveDialog } from '../board/BackMoveDialog';
import { MissingItemsPanel } from '../board/MissingItemsPanel';
import { useMoveFlow } from '../board/move-flow';
import { MoveActions } from './MoveActions';

const lanes = makeLanes();
const intake = lanes[0]!;
const cx = lanes[1]!;
const accounting = lanes[2]!;
const cxStaff = makeUser({ role: 'staff', departments: ['customer_experience'] });

function setup(lane = cx, extra = {}) {
  const card = makeCard(lane, { version: 5, checklistDone: 1, checklistRequired: 3, ...extra });
  useBoardStore.getState().reset();
  useBoardStore.getState().receive(fromBoardResponse(makeBoard([card], 1, lanes)), []);
  useMoveFlow.setState({ refusal: null, conflict: null, pendingBack: null });
  useToasts.setState({ toasts: [] });
  return card;
}

/** The move buttons with what they open: the refusal panel, the send-back dialog and toasts. */
function Harness({ cardId, user = cxStaff }: { cardId: string; user?: typeof cxStaff }) {
  const refusal = useMoveFlow((s) => s.refusal);
  const pendingBack = useMoveFlow((s) => s.pendingBack);
  return (
    <>
      <MoveActions cardId={cardId} user={user} />
      {refusal && <MissingItemsPanel refusal={refusal} user={user} />}
      {pendingBack && <BackMoveDialog cardId={pendingBack.cardId} toLaneId={pendingBack.toLaneId} />}
      <Toasts />
    </>
  );
}

describe('MoveActions', () => {
  it('names the next lane and the gate, and a blocked move opens the missing-items panel', async () => {
    const card = setup();
    const missing = [{ itemId: 'customer_experience-item-0', label: 'Welcome email sent', department: 'customer_experience', role: null }];
    mockFetch({ [`POST /api/cards/${card.id}/move`]: errorReply(409, 'CHECKLIST_INCOMPLETE', 'Not finished', { missing }) });
    render(<Harness cardId={card.id} />);
    const button = screen.getByRole('button', { name: `Move to ${accounting.name}` });
    expect(button).toHaveAccessibleDescription('2 items missing');
    await userEvent.click(button);
    const panel = await screen.findByRole('dialog', { name: `${card.title} can't move to ${accounting.name} yet` });
    expect(within(panel).getByText('Welcome email sent')).toBeInTheDocument();
  });

  it('moves on, then offers Undo, which moves it back without a reason', async () => {
    const card = setup(cx, { checklistDone: 3 });
    const calls = mockFetch({
      [`POST /api/cards/${card.id}/move`]: (req) => {
        const to = (req.body as { toLane: string }).toLane === accounting.key ? accounting : cx;
        return { status: 200, body: fullCard({ ...card, laneId: to.id, laneKey: to.key, version: calls.length + 5 }, lanes) };
      },
    });
    render(<Harness cardId={card.id} />);
    await userEvent.click(screen.getByRole('button', { name: `Move to ${accounting.name}` }));
    await screen.findByText(`${card.title} moved to ${accounting.name}`);
    await userEvent.click(screen.getByRole('button', { name: `Undo moving ${card.title} to ${accounting.name}` }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[0]!.body).toEqual({ toLane: accounting.key, version: 5 });
    expect(calls[1]!.body).toEqual({ toLane: cx.key, version: 6 });
    await screen.findByText(`Move undone: back in ${cx.name}`);
    expect(useBoardStore.getState().data!.cards[card.id]!.laneId).toBe(cx.id);
  });

  it('sends back to a chosen earlier lane with a reason', async () => {
    const card = setup(accounting, { checklistDone: 0 });
    const calls = mockFetch({
      [`POST /api/cards/${card.id}/move`]: {
        status: 200,
        body: fullCard({ ...card, laneId: intake.id, laneKey: intake.key, version: 6 }, lanes),
      },
    });
    render(<Harness cardId={card.id} user={makeUser({ role: 'staff', departments: ['accounting'] })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Send back…' }));
    const dialog = await screen.findByRole('dialog', { name: `Send ${card.title} back` });
    const lane = within(dialog).getByRole('combobox', { name: 'Send it back to' });
    expect(lane).toHaveValue(cx.id);
    await userEvent.selectOptions(lane, intake.id);
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Wrong address');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send back' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body).toEqual({ toLane: intake.key, version: 5, reason: 'Wrong address' });
  });

  it('says whose move it is to someone who cannot work the lane', () => {
    const card = setup();
    render(<Harness cardId={card.id} user={makeUser({ role: 'staff', departments: ['accounting'] })} />);
    expect(screen.queryByRole('button', { name: /Move to/ })).toBeNull();
    expect(screen.getByTestId('move-actions')).toHaveTextContent(`Only ${cx.name}’s team moves it on.`);
  });
});
