import { PREPARED_STATEMENTS_PER_CONNECTION } from '../../src/database/preparing-client.js';
import { createCard } from '../factories/cards.js';
import { useTestApp } from '../support/test-app.js';

describe('queries as prepared statements', () => {
  const t = useTestApp({ stuckScanSeconds: 0 });

  it('prepares each parameterised query once per connection and reuses it', async () => {
    const card = await createCard(t, { customerName: 'Prepared Co' });
    await t.api('ops').get(`/api/cards/${card.id}`);
    const seen = async () =>
      t.db.transaction(async (m) => {
        // This very query is parameterised, so it is prepared on the connection it runs on.
        await m.query('SELECT $1::int AS one', [1]);
        return m.query(`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE $1`, ['relay\\_%']);
      });
    const first: { name: string; statement: string }[] = await seen();
    expect(first.some((s) => s.statement === 'SELECT $1::int AS one')).toBe(true);
    const again: { name: string }[] = await seen();
    // Same text, same name: preparing again would have failed, and no second copy exists.
    expect(new Set(again.map((s) => s.name)).size).toBe(again.length);
  });

  it('leaves queries without parameters and errors as they were', async () => {
    await expect(t.db.query('SELECT no_such_column FROM cards WHERE id = $1', ['00000000-0000-0000-0000-000000000000'])).rejects.toThrow(
      /no_such_column/,
    );
    expect(await t.db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('keeps at most PREPARED_STATEMENTS_PER_CONNECTION per connection, deallocating the least recently used', async () => {
    const distinct = PREPARED_STATEMENTS_PER_CONNECTION + 100;
    const counts = await t.db.transaction(async (m) => {
      // Each text is a distinct statement, as the PATCH statement is for each combination of fields.
      for (let i = 0; i < distinct; i++) await m.query(`SELECT $1::int + ${i} AS n`, [1]);
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE $1`, ['relay\\_%']);
      // The first statement was evicted long ago: used again it is prepared again, and answers.
      const [{ n: again }] = await m.query('SELECT $1::int + 0 AS n', [1]);
      return { n, again };
    });
    expect(counts.again).toBe(1);
    expect(counts.n).toBeGreaterThan(PREPARED_STATEMENTS_PER_CONNECTION / 2);
    expect(counts.n).toBeLessThanOrEqual(PREPARED_STATEMENTS_PER_CONNECTION);
  });

  it('keeps a statement whose DEALLOCATE a failed transaction refused, and evicts it later', async () => {
    const runner = t.db.createQueryRunner();
    await runner.connect();
    try {
      for (let i = 0; i < PREPARED_STATEMENTS_PER_CONNECTION; i++) await runner.query(`SELECT $1::int + ${i} AS k`, [1]);
      await runner.startTransaction();
      await expect(runner.query('SELECT 1 / $1::int', [0])).rejects.toThrow(/division by zero/);
      // A new statement in the failed transaction: the LRU one's DEALLOCATE is refused with it.
      await expect(runner.query('SELECT $1::int + 100000 AS k', [1])).rejects.toThrow(/aborted/);
      await runner.rollbackTransaction();
      // The same statements again, fresh ones after them: none fails as "already exists" or "does not exist".
      for (let i = 0; i < PREPARED_STATEMENTS_PER_CONNECTION + 10; i++)
        expect(await runner.query(`SELECT $1::int + ${i} AS k`, [1])).toEqual([{ k: 1 + i }]);
      const [{ n }] = await runner.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE $1`, ['relay\\_%']);
      expect(n).toBeLessThanOrEqual(PREPARED_STATEMENTS_PER_CONNECTION + 1);
    } finally {
      await runner.release();
    }
  });
});
