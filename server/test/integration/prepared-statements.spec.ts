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
});
