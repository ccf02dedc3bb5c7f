import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Card, User } from '@relay/shared';
import { fromBoardResponse } from '../../realtime/board-state';
import { useBoardStore } from '../../realtime/board-store';
import { errorReply, fullCard, makeBoard, makeCard, makeLanes, makeUser, mockFetch } from '../../test/fixtures';
import { CardDrawer } from './CardDrawer';
import { usePeopleStore } from './use-people';

const lanes = makeLanes();
const cx = lanes[1]!;
const done = lanes.find((l) => l.terminal)!;

function cardIn(lane = cx, overrides: Partial<Card> = {}): Card {
  const summary = makeCard(lane, { version: 3 });
  useBoardStore.getState().reset();
  useBoardStore.getState().receive(fromBoardResponse(makeBoard([summary], 1, lanes)), []);
  return fullCard(summary, lanes, overrides);
}

function serve(card: Card, extra: Parameters<typeof mockFetch>[0] = {}) {
  return mockFetch({
    [`GET /api/cards/${card.id}`]: { status: 200, body: card },
    [`GET /api/cards/${card.id}/events`]: { status: 200, body: [] },
    'GET /api/users': { status: 200, body: [] },
    ...extra,
  });
}

async function openDrawer(card: Card, user: User) {
  render(<CardDrawer cardId={card.id} user={user} />);
  return screen.findByRole('dialog', { name: `Card: ${card.title}` });
}

const cxStaff = makeUser({ name: 'Cara CX', email: 'cx@relay.test', role: 'staff', departments: ['customer_experience'] });
const accountant = makeUser({ name: 'Aaron Accounts', email: 'accounting@relay.test', role: 'staff', departments: ['accounting'] });

describe("Pickup: I've got it", () => {
  beforeEach(() => usePeopleStore.getState().reset());

  it("offers the button to the lane's department only", async () => {
    const card = cardIn();
    serve(card);
    const drawer = await openDrawer(card, cxStaff);
    expect(within(drawer).getByRole('button', { name: "I've got it" })).toBeEnabled();
  });

  it('shows people of other departments that the card waits for its department, without a button', async () => {
    const card = cardIn();
    serve(card);
    const drawer = await openDrawer(card, accountant);
    expect(within(drawer).getByText(/Not picked up yet · waiting for Customer Experience/)).toBeInTheDocument();
    expect(within(drawer).queryByRole('button', { name: "I've got it" })).toBeNull();
  });

  it('offers no pickup to a supervisor, manager or admin of another department, who can still assign', async () => {
    for (const role of ['supervisor', 'manager', 'admin'] as const) {
      const card = cardIn();
      serve(card);
      const drawer = await openDrawer(card, makeUser({ name: `A ${role}`, role, departments: role === 'admin' ? [] : ['operations'] }));
      expect(within(drawer).queryByRole('button', { name: "I've got it" })).toBeNull();
      expect(within(drawer).getByText(/Not picked up yet · waiting for Customer Experience/)).toBeInTheDocument();
      expect(within(drawer).getByLabelText('Assignee')).toBeEnabled();
      cleanup();
    }
  });

  it('offers no pickup on a closed card, even to a manager', async () => {
    const card = cardIn(done);
    serve(card);
    const drawer = await openDrawer(card, makeUser({ role: 'manager', departments: ['operations'] }));
    expect(within(drawer).queryByRole('button', { name: "I've got it" })).toBeNull();
  });

  it('picks the card up and shows who holds it', async () => {
    const card = cardIn();
    const picked = { ...card, version: 4, pickedUpBy: { id: cxStaff.id, name: cxStaff.name }, pickedUpAt: new Date().toISOString() };
    const calls = serve(card, { [`POST /api/cards/${card.id}/pickup`]: { status: 200, body: picked } });
    const drawer = await openDrawer(card, cxStaff);
    await userEvent.click(within(drawer).getByRole('button', { name: "I've got it" }));
    expect(await within(drawer).findByText(/Picked up by you/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([`/api/cards/${card.id}/pickup`]);
    expect(within(drawer).queryByRole('button', { name: "I've got it" })).toBeNull();
    // The board's tile learns the holder too.
    expect(useBoardStore.getState().data!.cards[card.id]!.pickedUpBy?.name).toBe('Cara CX');
  });

  it('says clearly when someone else got there first (409) and shows them', async () => {
    const card = cardIn();
    const olive = { id: 'someone-else', name: 'Olive Ops' };
    let reads = 0;
    serve(card, {
      [`GET /api/cards/${card.id}`]: () => ({
        status: 200,
        body: reads++ === 0 ? card : { ...card, version: 4, pickedUpBy: olive, pickedUpAt: new Date().toISOString() },
      }),
      [`POST /api/cards/${card.id}/pickup`]: errorReply(409, 'ALREADY_PICKED_UP', 'Someone else already holds this card in this lane'),
    });
    const drawer = await openDrawer(card, cxStaff);
    await userEvent.click(within(drawer).getByRole('button', { name: "I've got it" }));
    expect(await within(drawer).findByRole('alert')).toHaveTextContent('Someone else picked this card up first.');
    expect(await within(drawer).findByText(/Picked up by Olive Ops/)).toBeInTheDocument();
    expect(within(drawer).queryByRole('button', { name: "I've got it" })).toBeNull();
  });
});
