import { type ChecklistTemplateItem, type ItemKind, type ItemValue, gateProgress } from '@relay/shared';
import { createCard, userId } from '../factories/cards.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

/**
 * `cards.checklist_done` (kept by PostgreSQL: relay_checklist_done over `checklist_values.satisfied`) counts
 * exactly what shared's gate rule counts (gateProgress / satisfiesGate), for every item kind and value shape,
 * however the value was stored and whenever it is judged again.
 */
describe("the gate's counting in SQL and in shared", () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let laneId: string;
  const items = new Map<ItemKind, string>();
  const ANOTHER = '00000000-0000-4000-8000-000000000001';

  /** Every shape a value of each kind may be stored in: valid ones, and what older rows or bugs may hold. */
  const SHAPES: Record<ItemKind, unknown[]> = {
    check: [true, false, null],
    text: ['Gate code 1234', '', '   ', '\n\t', null],
    number: [0, 12.5, -3, null],
    date: ['2026-12-01', '', null],
    choice: ['in-house', 'subcontracted', '', ' ', null],
    user: [ANOTHER, '', null],
    file: [ANOTHER, '', null],
    signoff: [
      { name: 'Grace Keeper', accepted: true },
      { name: 'Grace Keeper', accepted: false },
      { name: '  ', accepted: true },
      { accepted: true },
      { name: 'Grace Keeper' },
      {},
      [],
      null,
    ],
  };

  beforeAll(async () => {
    t = await startTestApp({ stuckScanSeconds: 0 });
    admin = await t.as('admin');
    laneId = (await t.board('admin')).lanes[0].id;
    for (const kind of Object.keys(SHAPES) as ItemKind[]) {
      const res = await t.http
        .post(`/api/lanes/${laneId}/checklist`)
        .set(admin)
        .send({ label: `Gate ${kind}`, kind, required: true, ...(kind === 'choice' ? { options: ['in-house', 'subcontracted'] } : {}) });
      expect(res.status).toBe(201);
      items.set(kind, res.body.id);
    }
  });
  afterAll(() => t.close());

  /** The lane's checklist and the card's values as stored, counted by shared's rule; and the card's stored count. */
  async function counts(cardId: string): Promise<{ sql: number; shared: number }> {
    const rows: { id: string; required: boolean; retired: boolean; position: number; rules: ChecklistTemplateItem['rules'] }[] =
      await t.db.query('SELECT id, required, retired_at IS NOT NULL AS retired, position, rules FROM checklist_items WHERE lane_id = $1', [
        laneId,
      ]);
    const values: { itemId: string; value: ItemValue }[] = await t.db.query(
      'SELECT item_id AS "itemId", value FROM checklist_values WHERE card_id = $1',
      [cardId],
    );
    const checklist = rows.map((r) => ({ ...r, rules: r.rules ?? undefined })) as unknown as ChecklistTemplateItem[];
    const shared = gateProgress({ checklist }, new Map(values.map((v) => [v.itemId, v.value]))).done;
    const [{ sql }] = await t.db.query('SELECT checklist_done AS sql FROM cards WHERE id = $1', [cardId]);
    return { sql, shared };
  }

  it('agrees for every value the API accepts, set and cleared', async () => {
    const card = await createCard(t);
    const ops = await userId(t, 'ops');
    const valid: [ItemKind, unknown][] = [
      ['check', true],
      ['text', 'Gate code 1234'],
      ['number', 0],
      ['date', '2026-12-01'],
      ['choice', 'in-house'],
      ['user', ops],
      ['signoff', { name: 'Grace Keeper', accepted: true }],
    ];
    for (const [kind, value] of valid) {
      const res = await t.http
        .put(`/api/cards/${card.id}/checklist/${items.get(kind)}`)
        .set(admin)
        .send({ value });
      expect([kind, res.status]).toEqual([kind, 200]);
      const c = await counts(card.id);
      expect({ kind, ...c }).toEqual({ kind, sql: c.shared, shared: c.shared });
    }
    for (const [kind] of valid) {
      expect((await t.http.delete(`/api/cards/${card.id}/checklist/${items.get(kind)}`).set(admin)).status).toBe(200);
      const c = await counts(card.id);
      expect({ kind, ...c }).toEqual({ kind, sql: c.shared, shared: c.shared });
    }
  });

  it('agrees for every kind and stored shape once the items are judged again (a rule change)', async () => {
    const cases: { kind: ItemKind; value: unknown; cardId: string }[] = [];
    for (const [kind, shapes] of Object.entries(SHAPES) as [ItemKind, unknown[]][])
      for (const value of shapes) cases.push({ kind, value, cardId: (await createCard(t)).id });
    // Stored as older code or a bug may have left them, marked the opposite of what they are.
    for (const c of cases)
      await t.db.query(`INSERT INTO checklist_values (card_id, item_id, value, satisfied, completed_at) VALUES ($1, $2, $3, $4, now())`, [
        c.cardId,
        items.get(c.kind),
        JSON.stringify(c.value),
        c.value === null,
      ]);
    for (const [kind, id] of items) {
      const rules = kind === 'choice' ? { mustBe: 'in-house' } : null;
      expect((await t.http.patch(`/api/checklist-items/${id}`).set(admin).send({ rules })).status).toBe(200);
    }
    const judged = [];
    for (const c of cases) judged.push({ kind: c.kind, value: c.value, ...(await counts(c.cardId)) });
    expect(judged).toEqual(judged.map((j) => ({ ...j, sql: j.shared })));
    // And once the choice's mustBe is lifted again.
    expect(
      (
        await t.http
          .patch(`/api/checklist-items/${items.get('choice')}`)
          .set(admin)
          .send({ rules: null })
      ).status,
    ).toBe(200);
    const lifted = [];
    for (const c of cases.filter((x) => x.kind === 'choice')) lifted.push({ value: c.value, ...(await counts(c.cardId)) });
    expect(lifted).toEqual(lifted.map((j) => ({ ...j, sql: j.shared })));
  });
});
