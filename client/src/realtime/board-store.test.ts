import { REQUEST_ID_HEADER, type BoardEvent } from '@relay/shared';
import { api } from '../api/http';
import { makeBoard, makeCard, makeLanes, mockFetch } from '../test/fixtures';
import { fromBoardResponse } from './board-state';
import { useBoardStore } from './board-store';

const lanes = makeLanes();

function updated(card: ReturnType<typeof makeCard>, seq: number, requestId: string | null): BoardEvent<'card.updated'> {
  return {
    type: 'card.updated',
    seq,
    at: new Date().toISOString(),
    actor: null,
    requestId,
    card: { ...card, version: card.version + seq },
  };
}

describe("the board store and this tab's writes", () => {
  it('flashes a card changed by someone else, not one changed by a write this tab sent', async () => {
    const card = makeCard(lanes[0]!);
    useBoardStore.getState().reset();
    useBoardStore.getState().receive(fromBoardResponse(makeBoard([card], 1, lanes)), []);
    const calls = mockFetch({ [`PATCH /api/cards/${card.id}`]: { status: 200, body: {} } });
    await api.patch(`/api/cards/${card.id}`, { version: 1 });
    const ours = calls[0]!.headers[REQUEST_ID_HEADER]!;

    const own = updated(card, 2, ours);
    useBoardStore.getState().receive({ ...useBoardStore.getState().data!, seq: 2 }, [own]);
    expect(useBoardStore.getState().flashes[card.id]).toBeUndefined();

    const theirs = updated(card, 3, 'another-tab');
    useBoardStore.getState().receive({ ...useBoardStore.getState().data!, seq: 3 }, [theirs]);
    expect(useBoardStore.getState().flashes[card.id]).toBe(1);
  });
});
