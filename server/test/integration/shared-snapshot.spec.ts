import { withSharedSnapshot } from '../../src/common/shared-snapshot.js';
import { createCard } from '../factories/cards.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

describe('the board read on two connections', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ stuckScanSeconds: 0 });
  });
  afterAll(() => t.close());

  it('sees one snapshot on both connections, whatever commits in between', async () => {
    await createCard(t, { customerName: 'Snapshot Before' });
    const counts = await withSharedSnapshot(t.db, async (main, side) => {
      const before = await main.query('SELECT count(*)::int AS n FROM cards');
      // Committed after the snapshot was taken: neither connection may see it.
      await createCard(t, { customerName: 'Snapshot After' });
      const [a, b] = await Promise.all([
        main.query('SELECT count(*)::int AS n FROM cards'),
        side.query('SELECT count(*)::int AS n FROM cards'),
      ]);
      return [before[0].n, a[0].n, b[0].n];
    });
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
    expect((await t.db.query('SELECT count(*)::int AS n FROM cards'))[0].n).toBe(counts[0] + 1);
  });

  it('gives back both connections when the work fails', async () => {
    const idle = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
        )
      )[0].n;
    await expect(withSharedSnapshot(t.db, (m) => m.query('SELECT no_such_column FROM cards'))).rejects.toThrow(/no_such_column/);
    expect(await idle()).toBe(0);
  });

  it('serves a board whose seq matches its cards while changes commit around it', async () => {
    const [first, racing, second] = await Promise.all([
      t.board('manager'),
      createCard(t, { customerName: 'Racing Card' }),
      t.board('manager'),
    ]);
    for (const board of [first, second]) {
      const res = await t.http.get(`/api/board/events?after=${board.seq}`).set(await t.as('manager'));
      const createdLater = (res.body as { type: string; card?: { id: string } }[]).some(
        (e) => e.type === 'card.created' && e.card?.id === racing.id,
      );
      // The card is on the board exactly when its creation is not among the events after the board's seq.
      expect(board.cards.some((c) => c.id === racing.id)).toBe(!createdLater);
    }
  });
});
