import { LANE_KEYS, type BoardEvent, type BoardResponse, type Card } from '@relay/shared';
import { completeLane, createCard, itemByLabel, move, salesForm, userId } from '../factories/cards.js';
import { CardReturned1763901500000 } from '../../src/database/migrations/1763901500000-card-returned.js';
import { CUSTOMER_LANE_NAMES } from '../kit/index.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

/** Who works each lane in the demo data. */
const WORKER: Record<string, string> = {
  intake: 'ops',
  customer_experience: 'cx',
  accounting: 'accounting',
  operational_setup: 'supervisor',
  hr: 'hr',
  go_live: 'supervisor',
  first_week_audit: 'supervisor',
};

describe('the pipeline, enforced by the server', () => {
  let t: TestApp;
  let board: BoardResponse;
  beforeAll(async () => {
    t = await startTestApp();
    board = await t.board();
  });
  afterAll(() => t.close());

  it('seeds the default pipeline: 8 lanes in order with their checklists and limits', () => {
    expect(board.lanes.map((l) => l.key)).toEqual([...LANE_KEYS]);
    expect(board.lanes.map((l) => l.timeLimitHours)).toEqual([24, 48, 48, 120, 120, 72, 168, null]);
    expect(board.lanes[0].checklist).toHaveLength(9);
    expect(board.lanes.map((l) => l.customerName)).toEqual(CUSTOMER_LANE_NAMES);
    expect(itemByLabel(board, 'go_live', 'Customer accepts the service')).toMatchObject({
      kind: 'signoff',
      audience: 'customer',
      required: true,
    });
    expect(itemByLabel(board, 'go_live', 'Go-live approved')).toMatchObject({ kind: 'check', role: 'manager', required: true });
    expect(itemByLabel(board, 'intake', 'Supply order deadline').required).toBe(false);
  });

  it('walks one card from the sales form to Done with the right person for each lane', async () => {
    const moved: BoardEvent<'card.moved'>[] = [];
    (await t.socket('manager')).on('card.moved', (e) => moved.push(e));
    let card: Card = await createCard(t, { customerName: 'Walkthrough Ltd' });
    expect(card.laneKey).toBe('intake');
    expect(card.version).toBe(1);
    for (const lane of board.lanes.filter((l) => !l.terminal)) {
      const who = WORKER[lane.key];
      card = await completeLane(t, card.id, lane.key, who, { manager: 'manager' });
      expect(card.checklistDone).toBe(card.checklistRequired);
      const next = board.lanes[board.lanes.indexOf(lane) + 1];
      const res = await move(t, card.id, next.key, who, card.version);
      expect(res.status).toBe(200);
      card = res.body;
      expect(card.laneKey).toBe(next.key);
      // The move is decided on the card as read and answered without reading it back: the answer, and the
      // card in its event, are exactly what a read of the card and of the board then give.
      expect((await t.api('manager').get(`/api/cards/${card.id}`)).body).toEqual(card);
      await until(() => moved.some((e) => e.card.id === card.id && e.card.version === card.version));
      const event = moved.find((e) => e.card.id === card.id && e.card.version === card.version)!;
      expect(event).toMatchObject({ fromLane: lane.key, toLane: next.key, actor: { id: await userId(t, who) } });
      expect(event.card).toEqual((await t.board('manager')).cards.find((c) => c.id === card.id));
    }
    expect(card.goLiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const events = (await t.api('manager').get(`/api/cards/${card.id}/events`)).body;
    expect(events[0].type).toBe('created');
    expect(events.filter((e: { type: string }) => e.type === 'moved').map((e: { data: { to: string } }) => e.data.to)).toEqual(
      board.lanes.slice(1).map((l) => l.key),
    );
    expect(events.filter((e: { type: string }) => e.type === 'checklist_set').length).toBeGreaterThanOrEqual(30);
    const out = await move(t, card.id, 'first_week_audit', 'manager', card.version, 'reopen');
    expect(out.status).toBe(422);
    expect(out.body.code).toBe('INVALID_TRANSITION');
  });

  it('refuses to move a card with an incomplete checklist, listing exactly what is missing', async () => {
    const card = await createCard(t);
    const sup = itemByLabel(board, 'intake', 'Supervisor assigned');
    await t.api('ops').put(`/api/cards/${card.id}/checklist/${sup.id}`, { value: await userId(t, 'supervisor') });
    const res = await move(t, card.id, 'customer_experience', 'ops', card.version + 1);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CHECKLIST_INCOMPLETE');
    const required = board.lanes[0].checklist.filter((i) => i.required && i.id !== sup.id);
    expect(res.body.details.missing).toEqual(required.map((i) => ({ itemId: i.id, label: i.label, department: 'operations', role: null })));
    const after = (await t.api('ops').get(`/api/cards/${card.id}`)).body;
    expect(after.laneKey).toBe('intake');
  });

  it('refuses skipping ahead, a back move without a reason, and the wrong department', async () => {
    let card = await createCard(t);
    expect((await move(t, card.id, 'accounting', 'ops', 1)).body.code).toBe('INVALID_TRANSITION');
    card = await completeLane(t, card.id, 'intake', 'ops');
    expect((await move(t, card.id, 'customer_experience', 'cx', card.version)).status).toBe(403);
    card = (await move(t, card.id, 'customer_experience', 'ops', card.version)).body;
    const noReason = await move(t, card.id, 'intake', 'cx', card.version);
    expect(noReason.status).toBe(422);
    expect(noReason.body.message).toMatch(/reason/);
    const blank = await move(t, card.id, 'intake', 'cx', card.version, '   ');
    expect(blank.status).toBe(422);
    const back = await move(t, card.id, 'intake', 'cx', card.version, 'Contract start date is wrong');
    expect(back.status).toBe(200);
    expect(back.body.laneKey).toBe('intake');
    // Nothing ticked is lost when sent back.
    expect(back.body.checklistDone).toBe(back.body.checklistRequired);
    const events = (await t.api('cx').get(`/api/cards/${card.id}/events`)).body;
    expect(events.at(-1)).toMatchObject({
      type: 'sent_back',
      data: { reason: 'Contract start date is wrong', from: 'customer_experience', to: 'intake' },
    });
  });

  it('says where a sent-back card came from and why, on the card and its tile, until it moves on', async () => {
    let card = await completeLane(t, (await createCard(t, { customerName: 'Returned Goods Ltd' })).id, 'intake', 'ops');
    card = (await move(t, card.id, 'customer_experience', 'ops', card.version)).body;
    expect(card.returned ?? null).toBeNull();
    const back = await move(t, card.id, 'intake', 'cx', card.version, '  VAT number missing ');
    expect(back.status).toBe(200);
    const note = { fromKey: 'customer_experience', fromName: 'Customer Experience', reason: 'VAT number missing', at: expect.any(String) };
    expect(back.body.returned).toEqual(note);
    expect(Date.parse(back.body.returned.at)).toBe(Date.parse(back.body.enteredLaneAt));
    // The answer is what a read of the card and of the board give.
    expect((await t.api('ops').get(`/api/cards/${card.id}`)).body.returned).toEqual(back.body.returned);
    expect((await t.board('ops')).cards.find((c) => c.id === card.id)!.returned).toEqual(back.body.returned);
    // Ticking an item keeps it; moving on clears it, on the card and the tile (a tile without one says nothing).
    const ticked = await completeLane(t, card.id, 'intake', 'ops');
    expect(ticked.returned).toEqual(back.body.returned);
    const onward = await move(t, card.id, 'customer_experience', 'ops', ticked.version);
    expect(onward.status).toBe(200);
    expect(onward.body.returned).toBeNull();
    expect((await t.board('ops')).cards.find((c) => c.id === card.id)).not.toHaveProperty('returned');
  });

  it('gives cards that are back in a lane today their note from their history when the column arrives (migration)', async () => {
    const sendBack = async (name: string, reason: string) => {
      const c = await completeLane(t, (await createCard(t, { customerName: name })).id, 'intake', 'ops');
      const inCx = (await move(t, c.id, 'customer_experience', 'ops', c.version)).body;
      return (await move(t, inCx.id, 'intake', 'cx', inCx.version, reason)).body as Card;
    };
    const stillBack = await sendBack('Backfill Bakery', 'Address incomplete');
    const movedOn = await sendBack('Onward Oils', 'Wrong contact');
    await move(t, movedOn.id, 'customer_experience', 'ops', movedOn.version);
    const runner = t.db.createQueryRunner();
    try {
      const migration = new CardReturned1763901500000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect((await t.api('ops').get(`/api/cards/${stillBack.id}`)).body.returned).toEqual(stillBack.returned);
    expect((await t.api('ops').get(`/api/cards/${movedOn.id}`)).body.returned).toBeNull();
  });

  it('lets the mover undo a forward move without a reason within 60 s, and nobody else or later', async () => {
    let card = await completeLane(t, (await createCard(t, { customerName: 'Undo Ltd' })).id, 'intake', 'ops');
    card = (await move(t, card.id, 'customer_experience', 'ops', card.version)).body;
    // The CX team took nothing yet; someone else (even the lane's own team) still needs a reason.
    expect((await move(t, card.id, 'intake', 'cx', card.version)).status).toBe(422);
    // The mover may not work Customer Experience, yet takes their own move back, with no reason.
    const undone = await move(t, card.id, 'intake', 'ops', card.version);
    expect(undone.status).toBe(200);
    expect(undone.body.laneKey).toBe('intake');
    const events = (await t.api('ops').get(`/api/cards/${card.id}/events`)).body;
    expect(events.at(-1)).toMatchObject({ type: 'move_undone', data: { from: 'customer_experience', to: 'intake', reason: null } });

    // Not after anything else happened to the card: ops moves on again, CX ticks an item.
    card = (await move(t, card.id, 'customer_experience', 'ops', undone.body.version)).body;
    const cxItem = board.lanes.find((l) => l.key === 'customer_experience')!.checklist.find((i) => i.kind === 'check')!;
    card = (await t.api('cx').put(`/api/cards/${card.id}/checklist/${cxItem.id}`, { value: true })).body;
    expect((await move(t, card.id, 'intake', 'ops', card.version)).status).toBe(422);
    expect((await move(t, card.id, 'intake', 'ops', card.version, 'Wrong lane')).status).toBe(403);

    // Not after 60 seconds.
    const other = await completeLane(t, (await createCard(t, { customerName: 'Late Undo Ltd' })).id, 'intake', 'ops');
    const movedOn = (await move(t, other.id, 'customer_experience', 'ops', other.version)).body;
    t.clock.advance(1.5);
    expect((await move(t, other.id, 'intake', 'ops', movedOn.version)).status).toBe(422);
    expect((await move(t, other.id, 'intake', 'ops', movedOn.version, 'Wrong lane')).status).toBe(403);
  });

  it('warns before a second open onboarding for the same customer (case, accents, spacing ignored) unless told to create anyway', async () => {
    const post = async (body: object) => t.api('sales').post('/api/cards', body);
    const first = await post(salesForm({ customerName: 'Ångström Bakery' }));
    expect(first.status).toBe(201);
    const again = await post(salesForm({ customerName: '  angstrom   BAKERY ' }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('POSSIBLE_DUPLICATE');
    expect(again.body.details.cards.map((c: { id: string; title: string }) => [c.id, c.title])).toEqual([
      [first.body.id, 'Ångström Bakery'],
    ]);
    expect((await post(salesForm({ customerName: 'Angstrom Bakehouse' }))).status).toBe(201);
    const anyway = await post({ ...salesForm({ customerName: 'Angstrom Bakery' }), allowDuplicate: true });
    expect(anyway.status).toBe(201);
    const bad = await post({ ...salesForm({ customerName: 'Other Bakery' }), allowDuplicate: 'yes' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/allowDuplicate/);
  });

  it('lets only the role an item is restricted to complete it', async () => {
    const item = itemByLabel(board, 'go_live', 'Go-live approved');
    const card = await createCard(t);
    await t.db.query(`UPDATE cards SET lane_id = (SELECT id FROM lanes WHERE key = 'go_live') WHERE id = $1`, [card.id]);
    const bySupervisor = await t.api('supervisor').put(`/api/cards/${card.id}/checklist/${item.id}`, { value: true });
    expect(bySupervisor.status).toBe(403);
    expect(bySupervisor.body.message).toMatch(/manager/);
    const byStaff = await t
      .api('ops')
      .put(`/api/cards/${card.id}/checklist/${itemByLabel(board, 'go_live', 'Service start date confirmed').id}`, { value: '2026-12-01' });
    expect(byStaff.status).toBe(403);
    expect((await t.api('manager').put(`/api/cards/${card.id}/checklist/${item.id}`, { value: true })).status).toBe(200);
  });

  it('refuses a value of the wrong kind for every kind of item', async () => {
    const card = await createCard(t);
    const cases: [string, string, unknown][] = [
      ['intake', 'Sales information reviewed', 'yes'],
      ['intake', 'Supervisor assigned', 'not-a-uuid'],
      ['intake', 'Supervisor assigned', await userId(t, 'ops')], // not a supervisor
      ['intake', 'Delivery model', 'outsourced'],
      ['intake', 'Budgeted hours per week', 0],
      ['intake', 'Budgeted hours per week', '12'],
      ['intake', 'Contract start date', '2026-02-30'],
      ['intake', 'Contract start date', '01/12/2026'],
    ];
    for (const [lane, label, value] of cases) {
      const res = await t.api('ops').put(`/api/cards/${card.id}/checklist/${itemByLabel(board, lane, label).id}`, { value });
      expect([res.status, label, value]).toEqual([400, label, value]);
      expect(res.body.details.fields[0].field).toBe('value');
    }
    const other = await createCard(t);
    const text = itemByLabel(board, 'accounting', 'Customer account reference in the accounting system');
    const file = itemByLabel(board, 'operational_setup', 'Service documents');
    await t.db.query(`UPDATE cards SET lane_id = (SELECT id FROM lanes WHERE key = 'accounting') WHERE id = $1`, [card.id]);
    expect((await t.api('accounting').put(`/api/cards/${card.id}/checklist/${text.id}`, { value: '  ' })).status).toBe(400);
    await t.db.query(`UPDATE cards SET lane_id = (SELECT id FROM lanes WHERE key = 'operational_setup') WHERE id = ANY($1)`, [
      [card.id, other.id],
    ]);
    const upload = await t.api('supervisor').upload(other.id, { name: 'a.pdf', type: 'application/pdf', content: 'x' });
    const foreign = await t.api('supervisor').put(`/api/cards/${card.id}/checklist/${file.id}`, { value: upload });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toMatch(/attachment of this card/);
  });

  it('answers a stale version with 409 and the current card, never a silent overwrite', async () => {
    const card = await createCard(t);
    const ok = await t.api('sales').patch(`/api/cards/${card.id}`, { version: 1, notes: 'first' });
    expect(ok.status).toBe(200);
    const stale = await t.api('ops').patch(`/api/cards/${card.id}`, { version: 1, notes: 'second' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect(stale.body.details.card).toMatchObject({ id: card.id, version: 2, notes: 'first' });
    expect(stale.body.details.changedBy.name).toBe('Sam Sales');
  });

  it('records who filled an item and when, and clears it', async () => {
    const card = await createCard(t);
    const item = itemByLabel(board, 'intake', 'Sales information reviewed');
    const set = await t.api('ops').put(`/api/cards/${card.id}/checklist/${item.id}`, { value: true, note: 'looks right' });
    const filled = set.body.checklists[0].items.find((i: { id: string }) => i.id === item.id);
    expect(filled).toMatchObject({ value: true, note: 'looks right', completedBy: { name: 'Olive Ops' } });
    const cleared = await t.api('ops').delete(`/api/cards/${card.id}/checklist/${item.id}`);
    expect(cleared.status).toBe(200);
    expect(cleared.body.checklists[0].items.find((i: { id: string }) => i.id === item.id).value).toBeNull();
    const types = (await t.api('ops').get(`/api/cards/${card.id}/events`)).body.map((e: { type: string }) => e.type);
    expect(types).toEqual(['created', 'checklist_set', 'checklist_cleared']);
  });

  it('serves the board in a fixed number of queries whatever the number of cards', async () => {
    const count = async () => {
      let n = 0;
      const original = t.db.driver.createQueryRunner.bind(t.db.driver);
      const spy = (mode: 'master' | 'slave') => {
        const qr = original(mode);
        const q = qr.query.bind(qr);
        qr.query = ((...args: Parameters<typeof q>) => {
          n++;
          return q(...args);
        }) as typeof qr.query;
        return qr;
      };
      t.db.driver.createQueryRunner = spy;
      await t.board();
      t.db.driver.createQueryRunner = original;
      return n;
    };
    // Background work (the event sweep, the outage probe) queries through the same driver now and then: the
    // board's own count is the least of a few reads.
    const least = async () => Math.min(await count(), await count(), await count());
    const before = await least();
    for (let i = 0; i < 5; i++) await createCard(t, { customerName: `Bulk ${i}` });
    expect(await least()).toBe(before);
  });
});
