import type { BoardResponse, Card } from '@relay/shared';
import { completeLane, createCard, itemByLabel, move } from '../factories/cards.js';
import type { RelayClient } from '../kit/index.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

/**
 * The board reads each card's progress from `cards.checklist_done`, which PostgreSQL keeps (migration
 * CardChecklistDone). The card itself is answered from its values by the shared gate rule (gateProgress).
 * Every step here changes progress in a different way, and after each the two must agree with the count
 * the step implies.
 */
describe('checklist progress kept on the card', () => {
  let t: TestApp;
  let board: BoardResponse;
  let admin: RelayClient;
  beforeAll(async () => {
    t = await startTestApp();
    board = await t.board();
    admin = t.api('admin');
  });
  afterAll(() => t.close());

  /** The card's progress by the shared rule, the board's and the stored column, which must all match. */
  async function progress(cardId: string): Promise<{ done: number; required: number }> {
    const card: Card = (await t.api('manager').get(`/api/cards/${cardId}`)).body;
    const summary = (await t.board('manager')).cards.find((c) => c.id === cardId)!;
    const [{ stored }] = await t.db.query('SELECT checklist_done AS stored FROM cards WHERE id = $1', [cardId]);
    expect({ board: summary.checklistDone, stored, required: summary.checklistRequired }).toEqual({
      board: card.checklistDone,
      stored: card.checklistDone,
      required: card.checklistRequired,
    });
    return { done: card.checklistDone, required: card.checklistRequired };
  }

  const set = async (cardId: string, itemId: string, value: unknown, who: string) => {
    const res = await t.api(who).put(`/api/cards/${cardId}/checklist/${itemId}`, { value });
    expect(res.status).toBe(200);
    return res.body as Card;
  };

  it('follows values set, re-set, refused and cleared', async () => {
    const card = await createCard(t);
    const required = board.lanes[0].checklist.filter((i) => i.required).length;
    expect(await progress(card.id)).toEqual({ done: 0, required });
    const reviewed = itemByLabel(board, 'intake', 'Sales information reviewed');
    const hours = itemByLabel(board, 'intake', 'Budgeted hours per week');
    await set(card.id, reviewed.id, true, 'ops');
    await set(card.id, hours.id, 30, 'ops');
    expect((await progress(card.id)).done).toBe(2);
    await set(card.id, hours.id, 40, 'ops');
    expect((await progress(card.id)).done).toBe(2);
    // A refused value changes nothing.
    const refused = await t.api('ops').put(`/api/cards/${card.id}/checklist/${hours.id}`, { value: -5 });
    expect(refused.status).toBe(400);
    expect((await progress(card.id)).done).toBe(2);
    expect((await t.api('ops').delete(`/api/cards/${card.id}/checklist/${hours.id}`)).status).toBe(200);
    expect((await progress(card.id)).done).toBe(1);
  });

  it('counts a date item only for a real date between 1900 and 2199, never for a year still being typed', async () => {
    const card = await createCard(t);
    const start = itemByLabel(board, 'intake', 'Contract start date');
    for (const value of ['0002-05-14', '1899-12-31', '2200-01-01', '2026-02-30']) {
      const refused = await t.api('ops').put(`/api/cards/${card.id}/checklist/${start.id}`, { value });
      expect([refused.status, refused.body.code, refused.body.details?.fields?.[0]?.field]).toEqual([400, 'INVALID_VALUE', 'value']);
    }
    expect((await progress(card.id)).done).toBe(0);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM checklist_values WHERE card_id = $1', [card.id]);
    expect(n).toBe(0);
    await set(card.id, start.id, '2026-05-14', 'ops');
    expect((await progress(card.id)).done).toBe(1);
  });

  it('starts again in each lane, and a card sent back finds its earlier values counted', async () => {
    let card = await createCard(t);
    card = await completeLane(t, card.id, 'intake', 'ops');
    const intake = await progress(card.id);
    expect(intake.done).toBe(intake.required);
    card = (await move(t, card.id, 'customer_experience', 'ops', card.version)).body;
    expect((await progress(card.id)).done).toBe(0);
    const cxItem = board.lanes[1].checklist.find((i) => i.required && i.kind === 'check')!;
    card = await set(card.id, cxItem.id, true, 'cx');
    expect((await progress(card.id)).done).toBe(1);
    card = (await move(t, card.id, 'intake', 'cx', card.version, 'contract needs a second look')).body;
    expect(await progress(card.id)).toEqual(intake);
    card = (await move(t, card.id, 'customer_experience', 'ops', card.version)).body;
    expect((await progress(card.id)).done).toBe(1);
  });

  it('follows an admin adding, un-requiring, re-judging and retiring items of the lane', async () => {
    let card = await createCard(t);
    const before = await progress(card.id);
    const intake = board.lanes[0];

    const added = await admin.post(`/api/lanes/${intake.id}/checklist`, { label: 'Site walk booked', kind: 'check', required: true });
    expect(added.status).toBe(201);
    expect(await progress(card.id)).toEqual({ done: before.done, required: before.required + 1 });
    card = await set(card.id, added.body.id, true, 'ops');
    expect(await progress(card.id)).toEqual({ done: before.done + 1, required: before.required + 1 });

    const delivery = itemByLabel(board, 'intake', 'Delivery model');
    card = await set(card.id, delivery.id, 'in-house', 'ops');
    expect((await progress(card.id)).done).toBe(before.done + 2);
    expect((await admin.patch(`/api/checklist-items/${delivery.id}`, { rules: { mustBe: 'subcontracted' } })).status).toBe(200);
    expect((await progress(card.id)).done).toBe(before.done + 1);
    expect((await admin.patch(`/api/checklist-items/${delivery.id}`, { rules: null })).status).toBe(200);
    expect((await progress(card.id)).done).toBe(before.done + 2);

    expect((await admin.patch(`/api/checklist-items/${added.body.id}`, { required: false })).status).toBe(200);
    expect(await progress(card.id)).toEqual({ done: before.done + 1, required: before.required });
    expect((await admin.patch(`/api/checklist-items/${added.body.id}`, { required: true })).status).toBe(200);
    expect(await progress(card.id)).toEqual({ done: before.done + 2, required: before.required + 1 });

    expect((await admin.delete(`/api/checklist-items/${added.body.id}`)).status).toBe(204);
    expect(await progress(card.id)).toEqual({ done: before.done + 1, required: before.required });
  });

  it('agrees with the shared rule for every card on the board after all of the above', async () => {
    const { cards } = await t.board('manager');
    const [{ off }] = await t.db.query(
      `SELECT count(*)::int AS off FROM cards c WHERE c.checklist_done <> relay_checklist_done(c.id, c.lane_id)`,
    );
    expect(off).toBe(0);
    for (const summary of cards) {
      const card: Card = (await t.api('manager').get(`/api/cards/${summary.id}`)).body;
      expect([summary.id, summary.checklistDone]).toEqual([summary.id, card.checklistDone]);
    }
  });
});
