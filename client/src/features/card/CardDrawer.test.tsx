import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Card, CardChecklist, Lane } from '@relay/shared';
import { fromBoardResponse } from '../../realtime/board-state';
import { useBoardStore } from '../../realtime/board-store';
import { errorReply, fullCard, makeBoard, makeCard, makeLanes, makeUser, mockFetch, uuid } from '../../test/fixtures';
import { CardDrawer } from './CardDrawer';
import { changedTracker, trackerPatch } from './TrackerSection';
import { usePeopleStore } from './use-people';

const lanes = makeLanes();
const intake = lanes[0]!;
const cx = lanes[1]!;

function checklistOf(lane: Lane, values: Record<string, unknown> = {}): CardChecklist {
  return {
    laneId: lane.id,
    laneKey: lane.key,
    laneName: lane.name,
    items: lane.checklist.map((t) => ({ ...t, value: (values[t.id] as never) ?? null, note: null, completedBy: null, completedAt: null })),
  };
}

function setup(user = makeUser({ role: 'staff', departments: ['customer_experience'] })) {
  const summary = makeCard(cx, { version: 6 });
  useBoardStore.getState().reset();
  useBoardStore.getState().receive(fromBoardResponse(makeBoard([summary], 1, lanes)), []);
  const card: Card = fullCard(summary, lanes, {
    checklists: [checklistOf(cx), checklistOf(intake, { 'intake-item-0': true, 'intake-item-2': 'in-house' })],
  });
  return { card, user };
}

describe('CardDrawer', () => {
  beforeEach(() => usePeopleStore.getState().reset());

  it("shows every visited lane's checklist with an input per kind where this person may tick, values elsewhere", async () => {
    const { card, user } = setup();
    mockFetch({
      [`GET /api/cards/${card.id}`]: { status: 200, body: card },
      [`GET /api/cards/${card.id}/events`]: { status: 200, body: [] },
      'GET /api/users': { status: 200, body: [] },
    });
    render(<CardDrawer cardId={card.id} user={user} />);
    const drawer = await screen.findByRole('dialog', { name: `Card: ${card.title}` });
    // Current lane (Customer Experience): editable by CX staff.
    expect(within(drawer).getByRole('checkbox', { name: 'Welcome email sent' })).toBeEnabled();
    expect(within(drawer).getByLabelText('Welcome packet sent')).toHaveAttribute('type', 'date');
    // Intake's items belong to operations: shown as values, not inputs.
    expect(within(drawer).queryByRole('combobox', { name: 'Delivery model' })).toBeNull();
    const intakeRow = drawer.querySelector('[data-item-id="intake-item-2"]')!;
    expect(intakeRow).toHaveTextContent('in-house');
    expect(drawer.querySelector('[data-item-id="intake-item-0"]')).toHaveTextContent('✓ Done');
  });

  it('a Done card shows its go-live day, not a time in lane that keeps growing', async () => {
    const done = lanes.find((l) => l.terminal)!;
    const summary = makeCard(done, { goLiveDate: '2026-11-20', enteredLaneAt: '2026-11-20T10:00:00Z' });
    useBoardStore.getState().reset();
    useBoardStore.getState().receive(fromBoardResponse(makeBoard([summary], 1, lanes)), []);
    const card = fullCard(summary, lanes, { goLiveDate: '2026-11-20', checklists: [] });
    mockFetch({
      [`GET /api/cards/${card.id}`]: { status: 200, body: card },
      [`GET /api/cards/${card.id}/events`]: { status: 200, body: [] },
      'GET /api/users': { status: 200, body: [] },
    });
    render(<CardDrawer cardId={card.id} user={makeUser({ role: 'manager' })} />);
    const drawer = await screen.findByRole('dialog', { name: `Card: ${card.title}` });
    expect(within(drawer).getByText(/Went live on/)).toHaveTextContent(/2026/);
    expect(drawer.querySelector('.drawer-header')).not.toHaveTextContent(/in lane/);
  });

  it('ticks an item with PUT and shows the answer', async () => {
    const { card, user } = setup();
    const ticked = { ...card, version: 7, checklists: [checklistOf(cx, { 'customer_experience-item-0': true }), card.checklists[1]!] };
    const calls = mockFetch({
      [`GET /api/cards/${card.id}`]: { status: 200, body: card },
      [`GET /api/cards/${card.id}/events`]: { status: 200, body: [] },
      'GET /api/users': { status: 200, body: [] },
      [`PUT /api/cards/${card.id}/checklist/customer_experience-item-0`]: { status: 200, body: ticked },
    });
    render(<CardDrawer cardId={card.id} user={user} />);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Welcome email sent' }));
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Welcome email sent' })).toBeChecked());
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ value: true });
    expect(useBoardStore.getState().data!.cards[card.id]!.version).toBe(7);
  });

  it('shows the server field errors of a refused details edit beside the fields', async () => {
    const { card } = setup();
    const sales = makeUser({ role: 'sales', departments: ['sales'] });
    mockFetch({
      [`GET /api/cards/${card.id}`]: { status: 200, body: card },
      [`GET /api/cards/${card.id}/events`]: { status: 200, body: [] },
      'GET /api/users': { status: 200, body: [] },
      [`PATCH /api/cards/${card.id}`]: errorReply(400, 'VALIDATION_FAILED', 'Invalid', {
        fields: [{ field: 'contactName', message: 'contactName is too short' }],
      }),
    });
    render(<CardDrawer cardId={card.id} user={sales} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit details' }));
    const name = screen.getByLabelText('Contact name');
    await userEvent.clear(name);
    await userEvent.type(name, 'G');
    await userEvent.click(screen.getByRole('button', { name: 'Save details' }));
    expect(await screen.findByText('Contact name is too short')).toBeInTheDocument();
  });
});

describe('trackerPatch', () => {
  const base = { riskFlag: 'green' as const, riskReason: '', nextText: '', nextOwner: '', nextDue: '', touchAt: '', touchChannel: '' };

  it('needs a reason unless the flag is green', () => {
    const errors: Record<string, string> = {};
    expect(trackerPatch({ ...base, riskFlag: 'amber' }, errors)).toBeNull();
    expect(errors.riskReason).toBeDefined();
    expect(trackerPatch({ ...base, riskFlag: 'amber', riskReason: 'Late paperwork' }, {})).toMatchObject({
      riskFlag: 'amber',
      riskReason: 'Late paperwork',
    });
    expect(trackerPatch({ ...base, riskReason: 'ignored' }, {})).not.toHaveProperty('riskReason');
  });

  it('sends only what changed', () => {
    const card = fullCard(makeCard(cx), lanes, {
      riskFlag: 'amber',
      riskReason: 'Late',
      lastTouch: { at: '2026-11-01', channel: 'email' },
    });
    const next = trackerPatch(
      { ...base, riskFlag: 'amber', riskReason: 'Late', touchAt: '2026-11-01', touchChannel: 'email', nextText: 'Call' },
      {},
    )!;
    expect(changedTracker(card, next)).toEqual({ nextAction: { text: 'Call', ownerId: null, due: null } });
  });

  it('sends next action and last touch in the contract shape', () => {
    const owner = uuid();
    const p = trackerPatch(
      { ...base, nextText: 'Call Gail', nextOwner: owner, nextDue: '2026-12-02', touchAt: '2026-11-20', touchChannel: 'phone' },
      {},
    );
    expect(p?.nextAction).toEqual({ text: 'Call Gail', ownerId: owner, due: '2026-12-02' });
    expect(p?.lastTouch).toEqual({ at: '2026-11-20', channel: 'phone' });
  });
});
