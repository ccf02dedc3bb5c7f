import { REQUEST_ID_HEADER, type CardSummary } from '@relay/shared';
import { ownWrites } from '../../api/own-writes';
import { fromBoardResponse } from '../../realtime/board-state';
import { useBoardStore } from '../../realtime/board-store';
import { errorReply, fullCard, makeBoard, makeCard, makeLanes, mockFetch } from '../../test/fixtures';
import { useToasts } from '../../ui/toast-store';
import { useMoveFlow } from './move-flow';

const lanes = makeLanes();
const intake = lanes[0]!;
const cx = lanes[1]!;

function setup(extra: Partial<CardSummary> = {}) {
  const card = makeCard(intake, { version: 3, position: 1024, checklistDone: 7, checklistRequired: 7, ...extra });
  useBoardStore.getState().reset();
  useBoardStore.getState().receive(fromBoardResponse(makeBoard([card], 1, lanes)), []);
  useMoveFlow.setState({ refusal: null, conflict: null, pendingBack: null });
  useToasts.setState({ toasts: [] });
  return card;
}

const cardIn = (id: string) => useBoardStore.getState().data!.cards[id]!;

describe('attemptMove', () => {
  it('moves the card at once, posts the move with version and request id, then keeps the server card', async () => {
    const card = setup();
    let seenDuringRequest: string | undefined;
    const calls = mockFetch({
      [`POST /api/cards/${card.id}/move`]: () => {
        seenDuringRequest = cardIn(card.id).laneId;
        return { status: 200, body: fullCard({ ...card, laneId: cx.id, laneKey: cx.key, version: 4 }, lanes) };
      },
    });
    await expect(useMoveFlow.getState().attemptMove(card.id, cx.id)).resolves.toBe('moved');
    expect(seenDuringRequest).toBe(cx.id);
    expect(calls[0]!.body).toEqual({ toLane: 'customer_experience', version: 3 });
    const rid = calls[0]!.headers[REQUEST_ID_HEADER]!;
    expect(rid).toMatch(/^[0-9a-f-]{36}$/);
    expect(ownWrites.has(rid)).toBe(true);
    expect(cardIn(card.id)).toMatchObject({ laneId: cx.id, version: 4 });
  });

  it('keeps an incomplete card in its lane while the server answers, then lists the missing items', async () => {
    const card = setup({ checklistDone: 6 });
    let seenDuringRequest: string | undefined;
    const missing = [{ itemId: 'intake-item-0', label: 'Sales information reviewed', department: 'operations', role: null }];
    mockFetch({
      [`POST /api/cards/${card.id}/move`]: () => {
        seenDuringRequest = cardIn(card.id).laneId;
        return errorReply(409, 'CHECKLIST_INCOMPLETE', 'Checklist incomplete', { missing });
      },
    });
    await expect(useMoveFlow.getState().attemptMove(card.id, cx.id)).resolves.toBe('incomplete');
    expect(seenDuringRequest).toBe(intake.id);
    expect(useMoveFlow.getState().refusal?.missing).toEqual(missing);
  });

  it('puts the card back and lists the missing items on CHECKLIST_INCOMPLETE', async () => {
    const card = setup();
    const missing = [{ itemId: 'intake-item-0', label: 'Sales information reviewed', department: 'operations', role: null }];
    mockFetch({ [`POST /api/cards/${card.id}/move`]: errorReply(409, 'CHECKLIST_INCOMPLETE', 'Checklist incomplete', { missing }) });
    await expect(useMoveFlow.getState().attemptMove(card.id, cx.id)).resolves.toBe('incomplete');
    expect(cardIn(card.id)).toEqual(card);
    expect(useMoveFlow.getState().refusal).toEqual({ cardId: card.id, toLaneId: cx.id, missing });
  });

  it('shows the true card on VERSION_CONFLICT and updates the board', async () => {
    const card = setup();
    const truth = fullCard({ ...card, version: 7, laneId: cx.id, laneKey: cx.key }, lanes);
    mockFetch({
      [`POST /api/cards/${card.id}/move`]: errorReply(409, 'VERSION_CONFLICT', 'Changed meanwhile', { card: truth }),
      [`GET /api/cards/${card.id}/events`]: {
        status: 200,
        body: [{ id: 'e1', type: 'moved', actor: { id: 'x', name: 'Carla CX' }, at: new Date().toISOString(), data: {} }],
      },
    });
    await expect(useMoveFlow.getState().attemptMove(card.id, cx.id)).resolves.toBe('conflict');
    expect(cardIn(card.id)).toMatchObject({ version: 7, laneId: cx.id });
    expect(useMoveFlow.getState().conflict?.card.version).toBe(7);
    expect(useMoveFlow.getState().conflict?.lastEvent?.actor?.name).toBe('Carla CX');
  });

  it('restores the card and shows the server message on 422 and 403', async () => {
    const card = setup();
    mockFetch({ [`POST /api/cards/${card.id}/move`]: errorReply(422, 'INVALID_TRANSITION', 'A card moves forward only to the next lane') });
    await expect(useMoveFlow.getState().attemptMove(card.id, cx.id)).resolves.toBe('failed');
    expect(cardIn(card.id)).toEqual(card);
    expect(useToasts.getState().toasts.map((t) => t.text)).toContain('A card moves forward only to the next lane');
  });

  it('sends the reason with a back move', async () => {
    const card = setup();
    const calls = mockFetch({ [`POST /api/cards/${card.id}/move`]: { status: 200, body: fullCard({ ...card, version: 4 }, lanes) } });
    await useMoveFlow.getState().attemptMove(card.id, intake.id, 'Wrong address');
    expect(calls[0]!.body).toEqual({ toLane: 'intake', version: 3, reason: 'Wrong address' });
  });
});
