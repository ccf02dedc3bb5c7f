import type { BoardEvent, BoardResponse, CardSummary } from '@relay/shared';
import { ApiError } from '../api/http';
import { makeBoard, makeCard, makeLanes } from '../test/fixtures';
import type { BoardData } from './board-state';
import { BoardSync, GAP_HOLD_MS } from './board-sync';

const lanes = makeLanes();
const intake = lanes[0]!;

function updated(seq: number, card: CardSummary): BoardEvent {
  return { type: 'card.updated', seq, at: new Date().toISOString(), actor: null, card };
}

/** `gapHoldMs` 0: a gap is closed at once (the tests of the hold set it). */
function harness(board: BoardResponse, events: (after: number) => Promise<BoardEvent[]> = async () => [], gapHoldMs = 0) {
  let data: BoardData | null = null;
  const writes: { data: BoardData; applied: BoardEvent[] }[] = [];
  const fetchBoard = jest.fn(async () => board);
  const fetchEvents = jest.fn(events);
  const errors: unknown[] = [];
  const sync = new BoardSync({
    fetchBoard,
    fetchEvents,
    read: () => data,
    write: (d, applied) => {
      data = d;
      writes.push({ data: d, applied });
    },
    onError: (e) => errors.push(e),
    gapHoldMs,
  });
  return {
    sync,
    fetchBoard,
    fetchEvents,
    writes,
    errors,
    get data() {
      return data!;
    },
  };
}

describe('BoardSync', () => {
  const card = makeCard(intake, { version: 1 });

  it('applies the next event directly and ignores repeats', async () => {
    const h = harness(makeBoard([card], 5));
    await h.sync.load();
    h.sync.receive(updated(6, { ...card, version: 2, title: 'Renamed' }));
    h.sync.receive(updated(6, { ...card, version: 2, title: 'Echo' }));
    h.sync.receive(updated(4, { ...card, version: 9, title: 'Ancient' }));
    await h.sync.idle();
    expect(h.data.seq).toBe(6);
    expect(h.data.cards[card.id]!.title).toBe('Renamed');
    expect(h.fetchEvents).not.toHaveBeenCalled();
  });

  it('on a gap fetches the missed events after the last seq and applies them in order', async () => {
    const h = harness(makeBoard([card], 5), async () => [
      updated(6, { ...card, version: 2, title: 'Six' }),
      updated(7, { ...card, version: 3, title: 'Seven' }),
    ]);
    await h.sync.load();
    h.sync.receive(updated(8, { ...card, version: 4, title: 'Eight' }));
    await h.sync.idle();
    expect(h.fetchEvents).toHaveBeenCalledWith(5);
    expect(h.data.seq).toBe(8);
    expect(h.data.cards[card.id]!.title).toBe('Eight');
    expect(h.fetchBoard).toHaveBeenCalledTimes(1);
  });

  it('refetches the board when the server no longer has the events (410)', async () => {
    const h = harness(makeBoard([card], 5), async () => {
      throw new ApiError(410, 'NOT_FOUND', 'gone');
    });
    await h.sync.load();
    h.fetchBoard.mockResolvedValueOnce(makeBoard([{ ...card, version: 5, title: 'Fresh' }], 9));
    h.sync.receive(updated(9, { ...card, version: 5 }));
    await h.sync.idle();
    expect(h.fetchEvents).toHaveBeenCalledWith(5);
    expect(h.fetchBoard).toHaveBeenCalledTimes(2);
    expect(h.data.seq).toBe(9);
    expect(h.data.cards[card.id]!.title).toBe('Fresh');
    expect(h.errors).toHaveLength(0);
  });

  it('refetches the board instead of replaying a huge gap', async () => {
    const h = harness(makeBoard([card], 5));
    await h.sync.load();
    h.fetchBoard.mockResolvedValueOnce(makeBoard([card], 4999));
    h.sync.receive(updated(5000, { ...card, version: 5, title: 'Latest' }));
    await h.sync.idle();
    expect(h.fetchEvents).not.toHaveBeenCalled();
    expect(h.fetchBoard).toHaveBeenCalledTimes(2);
    expect(h.data.seq).toBe(5000);
    expect(h.data.cards[card.id]!.title).toBe('Latest');
  });

  it('buffers events arriving while the board loads and applies those newer than the snapshot', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = harness(makeBoard([card], 5));
    h.fetchBoard.mockImplementationOnce(async () => {
      await gate;
      return makeBoard([card], 5);
    });
    const loading = h.sync.load();
    h.sync.receive(updated(5, { ...card, title: 'already in snapshot' }));
    h.sync.receive(updated(6, { ...card, version: 2, title: 'after snapshot' }));
    release();
    await loading;
    await h.sync.idle();
    expect(h.data.seq).toBe(6);
    expect(h.data.cards[card.id]!.title).toBe('after snapshot');
  });

  it('does not refetch in a loop when even a fresh board leaves a gap', async () => {
    const h = harness(makeBoard([card], 5), async () => []);
    await h.sync.load();
    h.sync.receive(updated(9, { ...card, version: 5 }));
    await h.sync.idle();
    expect(h.fetchBoard.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('on reconnect catches up from the last seq', async () => {
    const h = harness(makeBoard([card], 5), async () => [updated(6, { ...card, version: 2, title: 'While away' })]);
    await h.sync.load();
    await h.sync.resync();
    expect(h.fetchEvents).toHaveBeenCalledWith(5);
    expect(h.data.cards[card.id]!.title).toBe('While away');
  });

  describe('a gap among pushed events (two instances emit interleaved)', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());
    const settle = async (ms: number) => {
      await jest.advanceTimersByTimeAsync(ms);
    };

    it('waits for the missing seqs instead of catching up when they arrive late', async () => {
      const h = harness(makeBoard([card], 5), async () => [], GAP_HOLD_MS);
      await h.sync.load();
      h.sync.receive(updated(7, { ...card, version: 3, title: 'Seven' }));
      await settle(GAP_HOLD_MS - 100);
      expect(h.data.seq).toBe(5); // held
      h.sync.receive(updated(6, { ...card, version: 2, title: 'Six' }));
      await settle(0);
      expect(h.data.seq).toBe(7);
      expect(h.data.cards[card.id]!.title).toBe('Seven');
      await settle(GAP_HOLD_MS * 2);
      expect(h.fetchEvents).not.toHaveBeenCalled();
    });

    it('catches up once the hold has passed when the missing seqs never come', async () => {
      const h = harness(makeBoard([card], 5), async () => [updated(6, { ...card, version: 2, title: 'Six' })], GAP_HOLD_MS);
      await h.sync.load();
      h.sync.receive(updated(7, { ...card, version: 3, title: 'Seven' }));
      h.sync.receive(updated(8, { ...card, version: 4, title: 'Eight' }));
      await settle(GAP_HOLD_MS - 1);
      expect(h.fetchEvents).not.toHaveBeenCalled();
      await settle(1);
      await h.sync.idle();
      expect(h.fetchEvents).toHaveBeenCalledTimes(1);
      expect(h.fetchEvents).toHaveBeenCalledWith(5);
      expect(h.data.seq).toBe(8);
      expect(h.data.cards[card.id]!.title).toBe('Eight');
    });

    it('asks for at most one catch-up in 10 s of a two-instance storm', async () => {
      // Two instances each emit their own seqs in order (a seq every 50 ms); a socket gets one stream at once
      // and the other up to 300 ms late. One event is lost on the way: the only one worth fetching.
      const lost = 120;
      const started = Date.now();
      const committed = (after: number) => {
        const upTo = Math.floor((Date.now() - started) / 50);
        return Array.from({ length: Math.max(0, upTo - after) }, (_, i) => updated(after + 1 + i, { ...card, version: after + 1 + i }));
      };
      const h = harness(makeBoard([card], 0), async (after) => committed(after), GAP_HOLD_MS);
      await h.sync.load();
      let rand = 7;
      const jitter = () => (rand = (rand * 16807) % 2147483647) % 300;
      for (let seq = 1; seq <= 200; seq++) {
        if (seq === lost) continue;
        const at = seq * 50 + (seq % 2 ? jitter() : 0);
        setTimeout(() => h.sync.receive(updated(seq, { ...card, version: seq })), at);
      }
      await settle(10_000 + GAP_HOLD_MS);
      await h.sync.idle();
      expect(h.data.seq).toBe(200);
      expect(h.fetchEvents.mock.calls.length).toBeLessThanOrEqual(1);
      expect(h.fetchBoard).toHaveBeenCalledTimes(1);
    });

    it('catches up at once on a reconnect, without waiting', async () => {
      const h = harness(makeBoard([card], 5), async () => [updated(6, { ...card, version: 2, title: 'While away' })], GAP_HOLD_MS);
      await h.sync.load();
      await h.sync.resync();
      expect(h.fetchEvents).toHaveBeenCalledWith(5);
      expect(h.data.seq).toBe(6);
    });
  });

  it('refetches the board when lanes change', async () => {
    const h = harness(makeBoard([card], 5));
    await h.sync.load();
    h.fetchBoard.mockResolvedValueOnce(makeBoard([card], 6));
    h.sync.receive({ type: 'board.changed', seq: 6, at: '', actor: null, what: 'lanes' });
    await h.sync.idle();
    expect(h.fetchBoard).toHaveBeenCalledTimes(2);
    expect(h.data.seq).toBe(6);
  });
});
