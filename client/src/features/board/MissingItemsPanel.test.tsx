import { useToasts } from '../../ui/toast-store';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromBoardResponse } from '../../realtime/board-state';
import { useBoardStore } from '../../realtime/board-store';
import { fullCard, makeBoard, makeCard, makeLanes, makeUser, mockFetch } from '../../test/fixtures';
import { MissingItemsPanel } from './MissingItemsPanel';
import { useMoveFlow } from './move-flow';

const lanes = makeLanes();
const intake = lanes[0]!;
const cx = lanes[1]!;
const goLive = lanes.find((l) => l.key === 'go_live')!;
const ops = makeUser({ role: 'staff', departments: ['operations'] });

function Harness() {
  const refusal = useMoveFlow((s) => s.refusal);
  return refusal ? <MissingItemsPanel refusal={refusal} user={ops} /> : <p>closed</p>;
}

function setup(lane = intake, missingIds: string[]) {
  const card = makeCard(lane, { version: 2 });
  useBoardStore.getState().reset();
  useBoardStore.getState().receive(fromBoardResponse(makeBoard([card], 1, lanes)), []);
  const missing = missingIds.map((id) => {
    const item = lane.checklist.find((i) => i.id === id)!;
    return { itemId: id, label: item.label, department: lane.department, role: item.role ?? null };
  });
  const next = lanes[lanes.indexOf(lane) + 1]!;
  useMoveFlow.setState({ refusal: { cardId: card.id, toLaneId: next.id, missing }, conflict: null, pendingBack: null });
  return { card, next };
}

describe('MissingItemsPanel', () => {
  it('lists every missing item; the person’s own items are editable, the others offer a reminder', async () => {
    // Go-live approval is a manager-only item: staff of operations cannot tick it.
    const approval = goLive.checklist.find((i) => i.role === 'manager')!;
    const { card } = setup(goLive, ['go_live-item-1', approval.id]);
    const ownSupervisor = makeUser({ role: 'supervisor', departments: ['operations'] });
    render(<MissingItemsPanel refusal={useMoveFlow.getState().refusal!} user={ownSupervisor} />);
    const list = screen.getByRole('list', { name: 'Missing items' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('checkbox', { name: 'Pre-deployment walkthrough done' })).toBeEnabled();
    expect(within(rows[0]!).queryByRole('button', { name: /remind/i })).toBeNull();
    expect(within(rows[1]!).queryByRole('checkbox')).toBeNull();
    expect(within(rows[1]!).getByText(/senior operations manager/)).toBeInTheDocument();

    const calls = mockFetch({ [`POST /api/cards/${card.id}/remind`]: { status: 202 } });
    await userEvent.click(
      within(rows[1]!).getByRole('button', { name: /^remind the senior operations managers about go-live approved$/i }),
    );
    expect(calls[0]).toMatchObject({ method: 'POST', body: { itemId: approval.id } });
    expect(await within(rows[1]!).findByRole('button', { name: /remind/i })).toHaveTextContent('Reminded');
    expect(useToasts.getState().toasts.map((t) => t.text)).toContain('Reminder sent to the senior operations managers');
  });

  it('shows an input per kind and retries the move once the last item is filled', async () => {
    const { card, next } = setup(intake, ['intake-item-0', 'intake-item-3']);
    const moved = fullCard({ ...card, laneId: next.id, laneKey: next.key, version: 5 }, lanes);
    const calls = mockFetch({
      [`PUT /api/cards/${card.id}/checklist/intake-item-0`]: { status: 200, body: fullCard({ ...card, version: 3 }, lanes) },
      [`PUT /api/cards/${card.id}/checklist/intake-item-3`]: { status: 200, body: fullCard({ ...card, version: 4 }, lanes) },
      [`POST /api/cards/${card.id}/move`]: { status: 200, body: moved },
    });
    render(<Harness />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Sales information reviewed' }));
    expect(await screen.findByRole('spinbutton', { name: 'Budgeted hours per week' })).toBeInTheDocument();
    expect(calls.filter((c) => c.url.endsWith('/move'))).toHaveLength(0);

    await userEvent.type(screen.getByRole('spinbutton', { name: 'Budgeted hours per week' }), '32');
    await userEvent.click(screen.getByRole('button', { name: 'Save Budgeted hours per week' }));
    await waitFor(() => expect(screen.getByText('closed')).toBeInTheDocument());
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `PUT /api/cards/${card.id}/checklist/intake-item-0`,
      `PUT /api/cards/${card.id}/checklist/intake-item-3`,
      `POST /api/cards/${card.id}/move`,
    ]);
    expect(calls[1]!.body).toEqual({ value: 32 });
    // The retry uses the version the last checklist write returned.
    expect(calls[2]!.body).toEqual({ toLane: cx.key, version: 4 });
    expect(useBoardStore.getState().data!.cards[card.id]).toMatchObject({ laneId: next.id, version: 5 });
  });
});
