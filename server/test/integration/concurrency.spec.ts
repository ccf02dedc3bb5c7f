import { POSITION_GAP, type BoardEvent, type BoardResponse, type Card, type CardEvent } from '@relay/shared';
import { completeLane, createCard, itemByLabel, salesForm } from '../factories/cards.js';
import type { RelayClient, Reply } from '../kit/index.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

/**
 * No lost updates, proven with real parallel HTTP requests: each race fires its requests at once
 * (Promise.all over the kit's fetch calls, one connection each while in flight, several people) against the real server
 * and PostgreSQL, then checks the answers, the card, its history and the board's event log.
 */

/** Who races: every one of them may edit a card's details in intake. */
const EDITORS = ['sales', 'ops', 'ops2', 'supervisor', 'manager', 'admin', 'sales', 'ops'];
/** Every one of them may move a card out of intake. */
const MOVERS = ['ops', 'ops2', 'supervisor', 'manager', 'admin', 'ops', 'ops2', 'supervisor'];
/** The second operations staff member, created for these races. */
const OPS2 = { name: 'Otto Ops', email: 'ops2@relay.test', role: 'staff', departments: ['operations'], password: 'harbour-lantern-42' };

const statusesOf = (results: Reply[]) => results.map((r) => r.status).sort((a, b) => a - b);
const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0];
};

/**
 * Replays a card's history and returns the moves out of intake made while `itemId` was not set
 * (a `checklist_cleared` not followed by a `checklist_set` of the item before the `moved`).
 */
function movesPastAMissingItem(events: CardEvent[], itemId: string): CardEvent[] {
  let set = false;
  const violations: CardEvent[] = [];
  for (const e of events) {
    if (e.type === 'checklist_set' && e.data.itemId === itemId) set = true;
    if (e.type === 'checklist_cleared' && e.data.itemId === itemId) set = false;
    if (e.type === 'moved' && e.data.from === 'intake' && !set) violations.push(e);
  }
  return violations;
}

describe('no lost updates under real concurrency', () => {
  let t: TestApp;
  let board: BoardResponse;
  const api: Record<string, RelayClient> = {};
  const ids: Record<string, string> = {};

  const getCard = async (id: string): Promise<Card> => (await api.manager.get(`/api/cards/${id}`)).body;
  const events = async (id: string): Promise<CardEvent[]> => (await api.manager.get(`/api/cards/${id}/events`)).body;
  // Both read what has been published once every change answered so far is (the answer does not wait for it).
  const boardEventsAfter = async (seq: number): Promise<BoardEvent[]> => {
    await t.published();
    const res = await api.ops.get(`/api/board/events?after=${seq}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const lastSeq = async () => {
    await t.published();
    return (await t.board('ops')).seq;
  };
  const boardEventRows = async () => (await t.db.query('SELECT count(*)::int AS n FROM board_events'))[0].n as number;

  const patch = (id: string, who: string, body: Record<string, unknown>) => api[who].patch(`/api/cards/${id}`, body);
  const move = (id: string, who: string, version: number, toLane = 'customer_experience') =>
    api[who].post(`/api/cards/${id}/move`, { toLane, version });
  const clear = (id: string, itemId: string, who = 'ops') => api[who].delete(`/api/cards/${id}/checklist/${itemId}`);
  const pickup = (id: string, who: string) => api[who].post(`/api/cards/${id}/pickup`);

  /** A fresh card whose intake checklist is complete: ready to move to customer experience. */
  const readyToLeaveIntake = async (customerName: string): Promise<Card> => {
    const card = await createCard(t, { customerName });
    return completeLane(t, card.id, 'intake', 'ops');
  };

  beforeAll(async () => {
    // No scheduled stuck scan: the board's event log then holds only what the requests did.
    t = await startTestApp({ stuckScanSeconds: 0 });
    const created = await t.api('admin').post('/api/users', OPS2);
    expect(created.status).toBe(201);
    for (const who of ['sales', 'ops', 'supervisor', 'manager', 'admin', 'cx']) api[who] = t.api(who);
    api.ops2 = t.team.as(OPS2.email, OPS2.password);
    await api.ops2.token();
    for (const who of Object.keys(api)) ids[who] = (await api[who].get('/api/auth/me')).body.user.id;
    board = await t.board();
  });
  afterAll(() => t.close());

  it("lets exactly one of 8 simultaneous PATCHes with the same version win; the others get 409 with the winner's card", async () => {
    for (let round = 0; round < 5; round++) {
      const card = await createCard(t, { customerName: `Patch race ${round}` });
      const results = await Promise.all(
        EDITORS.map((who, i) => patch(card.id, who, { version: card.version, notes: `note ${i} by ${who}` })),
      );

      expect(statusesOf(results)).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
      const winner = only(results.filter((r) => r.status === 200)).body as Card;
      expect(winner.version).toBe(card.version + 1);
      for (const loser of results.filter((r) => r.status === 409)) {
        expect(loser.body).toMatchObject({
          statusCode: 409,
          code: 'VERSION_CONFLICT',
          details: { card: { id: card.id, version: card.version + 1, notes: winner.notes } },
        });
      }
      expect(await getCard(card.id)).toMatchObject({ version: card.version + 1, notes: winner.notes });
      const updated = (await events(card.id)).filter((e) => e.type === 'updated');
      expect(updated).toHaveLength(1);
      expect(updated[0].data).toMatchObject({ changes: { notes: { from: null, to: winner.notes } } });
    }
  });

  it('gives cards moved into one lane at the same moment distinct positions after its last card (shared positionBetween)', async () => {
    const cards = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => readyToLeaveIntake(`Arrival race ${i}`)));
    const before = await t.board('ops');
    const lane = before.lanes.find((l) => l.key === 'customer_experience')!;
    const tail = Math.max(0, ...before.cards.filter((c) => c.laneId === lane.id).map((c) => c.position));
    const results = await Promise.all(cards.map((c, i) => move(c.id, MOVERS[i], c.version)));
    expect(statusesOf(results)).toEqual([200, 200, 200, 200, 200, 200]);
    const positions = results.map((r) => (r.body as Card).position);
    expect(new Set(positions).size).toBe(6);
    // Each goes one gap (POSITION_GAP) after the last card it saw; those decided on the same one differ by less than one.
    for (const p of positions) expect(p - tail).toBeGreaterThanOrEqual(POSITION_GAP);
    for (const p of positions) expect(p - tail).toBeLessThan(positions.length * (POSITION_GAP + 1));
    const after = await t.board('ops');
    expect(cards.map((c) => after.cards.find((x) => x.id === c.id)!.position)).toEqual(positions);
  });

  it('gives cards created at the same moment distinct positions at the end of intake', async () => {
    const created = await Promise.all([0, 1, 2, 3].map((i) => createCard(t, { customerName: `Creation race ${i}` })));
    const positions = created.map((c) => c.position);
    expect(new Set(positions).size).toBe(4);
  });

  it('moves a card once when 8 people move it at the same moment with the same version', async () => {
    for (let round = 0; round < 3; round++) {
      const card = await readyToLeaveIntake(`Move race ${round}`);
      const seq = await lastSeq();
      const results = await Promise.all(MOVERS.map((who) => move(card.id, who, card.version)));

      expect(statusesOf(results)).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
      for (const loser of results.filter((r) => r.status === 409)) {
        expect(loser.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { card: { id: card.id, laneKey: 'customer_experience' } } });
      }
      expect(await getCard(card.id)).toMatchObject({ laneKey: 'customer_experience', version: card.version + 1, laneVisit: 2 });
      const moved = (await events(card.id)).filter((e) => e.type === 'moved');
      expect(moved.map((e) => [e.data.from, e.data.to])).toEqual([['intake', 'customer_experience']]);
      const published = (await boardEventsAfter(seq)).filter((e) => e.type === 'card.moved');
      expect(published.map((e) => e.type === 'card.moved' && e.card.id)).toEqual([card.id]);
    }
  });

  it('never lets a move pass an intake item cleared at the same moment (20 races of clear against move)', async () => {
    const item = itemByLabel(board, 'intake', 'Sales information reviewed');
    const outcomes = { moveFirst: 0, clearFirst: 0 };
    for (let run = 0; run < 20; run++) {
      const card = await readyToLeaveIntake(`Clear race ${run}`);
      // Alternate which request leaves first, so both orders reach the server.
      const [cleared, moved] =
        run % 2 === 0
          ? await Promise.all([clear(card.id, item.id), move(card.id, 'ops2', card.version)])
          : await Promise.all([move(card.id, 'ops2', card.version), clear(card.id, item.id)]).then(([m, c]) => [c, m]);
      const after = await getCard(card.id);
      const history = await events(card.id);
      const intakeValue = after.checklists.find((c) => c.laneKey === 'intake')!.items.find((i) => i.id === item.id)!.value;

      // Exactly one of the two changes commits, and the card's version moved on once.
      expect([cleared.status, moved.status].filter((s) => s === 200)).toEqual([200]);
      expect(after.version).toBe(card.version + 1);
      if (moved.status === 200) {
        outcomes.moveFirst++;
        // The clear came after the move: the card had left intake, so the item was no longer clearable.
        expect(cleared.status).toBe(409);
        expect(cleared.body.code).toBe('ITEM_NOT_IN_LANE');
        expect(after.laneKey).toBe('customer_experience');
        expect(intakeValue).toBe(true);
        expect(history.filter((e) => e.type === 'checklist_cleared')).toEqual([]);
      } else {
        outcomes.clearFirst++;
        // The clear committed first: the move, checked against the older state, is refused.
        expect(moved.status).toBe(409);
        expect(['VERSION_CONFLICT', 'CHECKLIST_INCOMPLETE']).toContain(moved.body.code);
        expect(after.laneKey).toBe('intake');
        expect(intakeValue).toBeNull();
        expect(history.filter((e) => e.type === 'moved')).toEqual([]);
      }
      expect(movesPastAMissingItem(history, item.id)).toEqual([]);
    }
    expect(outcomes.moveFirst + outcomes.clearFirst).toBe(20);
  });

  it('gives a simultaneous pickup by two operations people to one of them; the other gets 409', async () => {
    for (let round = 0; round < 5; round++) {
      const card = await createCard(t, { customerName: `Pickup race ${round}` });
      const people = round % 2 === 0 ? ['ops', 'ops2'] : ['ops2', 'ops'];
      const results = await Promise.all(people.map((who) => pickup(card.id, who)));

      expect(statusesOf(results)).toEqual([200, 409]);
      const winner = people[results.findIndex((r) => r.status === 200)];
      const loser = only(results.filter((r) => r.status === 409));
      expect(loser.body).toMatchObject({ statusCode: 409, code: 'ALREADY_PICKED_UP' });
      const after = await getCard(card.id);
      expect(after.pickedUpBy).toEqual({ id: ids[winner], name: expect.any(String) });
      expect(after.version).toBe(card.version + 1);
      expect((await events(card.id)).filter((e) => e.type === 'picked_up').map((e) => e.actor?.id)).toEqual([ids[winner]]);
    }
  });

  it('does not refuse a pickup because of an unrelated change made at the same moment', async () => {
    const item = itemByLabel(board, 'intake', 'Sales information reviewed');
    for (let round = 0; round < 10; round++) {
      const card = await createCard(t, { customerName: `Pickup and tick ${round}` });
      // Neither request carries a version: neither is based on a stale card, so both must succeed.
      const [picked, ticked] = await Promise.all([
        pickup(card.id, 'ops2'),
        api.ops.put(`/api/cards/${card.id}/checklist/${item.id}`, { value: true }),
      ]);
      expect([picked.status, picked.body.code, ticked.status]).toEqual([200, undefined, 200]);
      const after = await getCard(card.id);
      expect(after.pickedUpBy?.id).toBe(ids.ops2);
      expect(after.version).toBe(card.version + 2);
    }
  });

  it('creates a person once when four requests for the same email race; the others get 409 EMAIL_TAKEN', async () => {
    for (let round = 0; round < 3; round++) {
      const person = { name: `Twin ${round}`, email: `twin${round}@relay.test`, role: 'staff', departments: ['hr'] };
      const results = await Promise.all([0, 1, 2, 3].map(() => api.admin.post('/api/users', person)));
      expect(statusesOf(results)).toEqual([201, 409, 409, 409]);
      for (const loser of results.filter((r) => r.status === 409)) expect(loser.body.code).toBe('EMAIL_TAKEN');
      expect((await t.db.query('SELECT count(*)::int AS n FROM users WHERE lower(email) = $1', [person.email]))[0].n).toBe(1);
    }
  });

  it('records no board event for a refused move, nor for a change rolled back after it wrote', async () => {
    const incomplete = await createCard(t, { customerName: 'Refused Rentals' });
    const ready = await readyToLeaveIntake('Rolled Back Ltd');
    const left = (await move(ready.id, 'ops', ready.version)).body as Card;
    expect(left.laneKey).toBe('customer_experience');
    const item = itemByLabel(board, 'intake', 'Sales information reviewed');
    const before = {
      rows: await boardEventRows(),
      seq: await lastSeq(),
      incomplete: await getCard(incomplete.id),
      left: await getCard(ready.id),
    };

    const refusedMove = await move(incomplete.id, 'ops', incomplete.version);
    expect([refusedMove.status, refusedMove.body.code]).toEqual([409, 'CHECKLIST_INCOMPLETE']);
    const staleMove = await move(incomplete.id, 'ops', incomplete.version + 5);
    expect([staleMove.status, staleMove.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    // This clear bumps the card's version before it finds the item is not in the card's lane: all of it rolls back.
    const refusedClear = await clear(ready.id, item.id);
    expect([refusedClear.status, refusedClear.body.code]).toEqual([409, 'ITEM_NOT_IN_LANE']);

    expect(await boardEventRows()).toBe(before.rows);
    expect(await lastSeq()).toBe(before.seq);
    expect(await boardEventsAfter(before.seq)).toEqual([]);
    expect(await getCard(incomplete.id)).toEqual(before.incomplete);
    expect(await getCard(ready.id)).toEqual(before.left);
  });

  it('serves the accepted changes of a concurrent burst in increasing, gapless seq order, and nothing else', async () => {
    const commented = await createCard(t, { customerName: 'Busy Bakery' });
    const contested = await createCard(t, { customerName: 'Contested Co' });
    const seq = await lastSeq();

    // Four kinds of change, all started at once (each inner Promise.all sends its requests immediately).
    const [creations, comments, patches, moves] = await Promise.all([
      Promise.all([0, 1, 2, 3, 4, 5].map((i) => api.sales.post('/api/cards', salesForm({ customerName: `Burst ${i}` })))),
      Promise.all(EDITORS.slice(0, 6).map((who, i) => api[who].post(`/api/cards/${commented.id}/comments`, { body: `comment ${i}` }))),
      Promise.all(EDITORS.map((who, i) => patch(contested.id, who, { version: contested.version, notes: `burst ${i}` }))),
      Promise.all(MOVERS.slice(0, 4).map((who) => move(contested.id, who, contested.version))),
    ]);
    // Accepted: 6 creations, 6 comments and one of the 8 PATCHes. Refused: the other PATCHes, and the moves (stale or incomplete).
    expect([statusesOf(creations), statusesOf(comments), statusesOf(patches), statusesOf(moves)]).toEqual([
      [201, 201, 201, 201, 201, 201],
      [201, 201, 201, 201, 201, 201],
      [200, 409, 409, 409, 409, 409, 409, 409],
      [409, 409, 409, 409],
    ]);

    const published = await boardEventsAfter(seq);
    expect(published.map((e) => e.seq)).toEqual(Array.from({ length: 13 }, (_, i) => seq + 1 + i));
    expect(await lastSeq()).toBe(seq + 13);
    const count = (type: string) => published.filter((e) => e.type === type).length;
    expect([count('card.created'), count('comment.added'), count('card.updated'), count('card.moved')]).toEqual([6, 6, 1, 0]);
    const createdIds = creations.map((r) => r.body.id as string).sort();
    expect(published.flatMap((e) => (e.type === 'card.created' ? [e.card.id] : [])).sort()).toEqual(createdIds);
  });
});
