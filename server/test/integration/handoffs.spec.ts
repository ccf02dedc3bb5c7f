import { UNREAD_PUSH_CAP, type BoardEvent, type Notification } from '@relay/shared';
import { completeLane, createCard, move, userId } from '../factories/cards.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { type TestApp, startTestApp, useTestApp } from '../support/test-app.js';
import { until } from '../support/until.js';
import { DigestService } from '../../src/modules/notifications/digest.service.js';
import { MailerService } from '../../src/modules/notifications/mailer.service.js';

describe('handoffs nobody can miss', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ stuckScanSeconds: 0, smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** Delivers queued email, waiting for a round the mailer may already have started. */
  const flushMail = async () => {
    const mailer = t.started.app.get(MailerService);
    await mailer.idle();
    await mailer.deliver();
  };
  const bell = async (who: string): Promise<Notification[]> => (await t.api(who).get('/api/notifications')).body.items;

  it('tells the owning department when a card arrives: from sales, moved on, and sent back', async () => {
    let card = await createCard(t, { customerName: 'Arrival Foods' });
    expect((await bell('ops')).find((n) => n.cardId === card.id)).toMatchObject({
      kind: 'card_arrived',
      text: expect.stringContaining('Arrival Foods'),
    });
    expect((await bell('sales')).find((n) => n.cardId === card.id)).toBeUndefined();
    card = await completeLane(t, card.id, 'intake', 'ops');
    card = (await move(t, card.id, 'customer_experience', 'ops', card.version)).body;
    expect((await bell('cx')).find((n) => n.cardId === card.id)?.text).toBe('Arrival Foods arrived in Customer Experience');
    await move(t, card.id, 'intake', 'cx', card.version, 'Missing the contract');
    const back = (await bell('ops')).filter((n) => n.cardId === card.id);
    expect(back[0].text).toMatch(/sent back from Customer Experience: Missing the contract/);
  });

  it('does not send senior managers every arrival in their department by default; they may choose it', async () => {
    const first = await createCard(t, { customerName: 'Quiet Manager Co' });
    expect((await bell('supervisor')).find((n) => n.cardId === first.id)?.kind).toBe('card_arrived');
    expect((await bell('manager')).find((n) => n.cardId === first.id)).toBeUndefined();
    const prefs = await t.api('manager').get('/api/me/preferences');
    expect(prefs.body).toMatchObject({ card_arrived: 'off', stuck: 'email', escalated: 'email' });
    expect((await t.api('supervisor').get('/api/me/preferences')).body.card_arrived).toBe('in_app');

    await t.api('manager').put('/api/me/preferences', { card_arrived: 'in_app' });
    const second = await createCard(t, { customerName: 'Loud Manager Co' });
    expect((await bell('manager')).find((n) => n.cardId === second.id)?.kind).toBe('card_arrived');
    await t.api('manager').put('/api/me/preferences', { card_arrived: 'off' });
  });

  it('pushes the exact unread count live up to UNREAD_PUSH_CAP, and "at least the cap" beyond it', async () => {
    const cx = await userId(t, 'cx');
    await t.api('cx').post('/api/notifications/read-all');
    const socket = await t.socket('cx');
    const pushed: number[] = [];
    socket.on('notification', (e: { unread: number }) => pushed.push(e.unread));
    const arrive = async (name: string) => {
      const card = await completeLane(t, (await createCard(t, { customerName: name })).id, 'intake', 'ops');
      await move(t, card.id, 'customer_experience', 'ops', card.version);
    };
    await arrive('Unread One');
    await until(() => pushed.length === 1);
    expect(pushed).toEqual([1]);
    // A backlog past the cap, as if nobody had opened the bell for weeks.
    await t.db.query(
      `INSERT INTO notifications (user_id, kind, text, at) SELECT $1, 'reminder', 'Old reminder', now() FROM generate_series(1, $2)`,
      [cx, UNREAD_PUSH_CAP + 20],
    );
    await arrive('Unread Many');
    await until(() => pushed.length === 2);
    expect(pushed[1]).toBe(UNREAD_PUSH_CAP);
    expect((await t.api('cx').get('/api/notifications')).body.unread).toBe(UNREAD_PUSH_CAP + 22);
    socket.disconnect();
  });

  it('lets a member of the owning department pick a card up, per lane visit, live on every board', async () => {
    let card = await createCard(t, { customerName: 'Pickup Co' });
    const watcher = await t.socket('manager');
    const seen: BoardEvent<'card.updated'>[] = [];
    watcher.on('card.updated', (e: BoardEvent<'card.updated'>) => seen.push(e));
    expect((await t.api('accounting').post(`/api/cards/${card.id}/pickup`)).status).toBe(403);
    const picked = await t.api('ops').post(`/api/cards/${card.id}/pickup`);
    expect(picked.status).toBe(200);
    expect(picked.body).toMatchObject({ pickedUpBy: { name: 'Olive Ops' }, pickedUpAt: expect.any(String) });
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.at(-1)?.card).toMatchObject({ id: card.id, pickedUpBy: { name: 'Olive Ops' } });
    card = await completeLane(t, card.id, 'intake', 'ops');
    card = (await move(t, card.id, 'customer_experience', 'ops', card.version)).body;
    expect(card.pickedUpBy).toBeNull();
    t.clock.advance(90);
    await t.api('cx').post(`/api/cards/${card.id}/pickup`);
    const events = (await t.api('cx').get(`/api/cards/${card.id}/events`)).body.filter((e: { type: string }) => e.type === 'picked_up');
    expect(events.map((e: { data: { lane: string; waitedMinutes: number } }) => [e.data.lane, e.data.waitedMinutes])).toEqual([
      ['intake', 0],
      ['customer_experience', 90],
    ]);
    const metrics = (await t.api('manager').get('/api/metrics')).body;
    expect(metrics.lanes.find((l: { laneKey: string }) => l.laneKey === 'customer_experience').medianPickupHours).toBe(1.5);
    watcher.disconnect();
  });

  it('makes whoever picks up a card with no assignee its assignee, and leaves an assignee in place', async () => {
    const card = await createCard(t, { customerName: 'One Owner Co' });
    expect(card.assignee).toBeNull();
    const picked = await t.api('ops').post(`/api/cards/${card.id}/pickup`);
    expect(picked.body).toMatchObject({ pickedUpBy: { name: 'Olive Ops' }, assignee: { name: 'Olive Ops' } });
    const board = (await t.api('manager').get('/api/board')).body;
    expect(board.cards.find((c: { id: string }) => c.id === card.id)).toMatchObject({ assignee: { name: 'Olive Ops' } });

    let other = await createCard(t, { customerName: 'Kept Owner Co' });
    other = (await t.api('manager').patch(`/api/cards/${other.id}`, { version: other.version, assigneeId: await userId(t, 'cx') })).body;
    const kept = await t.api('ops').post(`/api/cards/${other.id}/pickup`);
    expect(kept.body).toMatchObject({ pickedUpBy: { name: 'Olive Ops' }, assignee: { name: 'Cara CX' } });
  });

  it('refuses a pickup to supervisors, managers and admins outside the owning department, who may still assign', async () => {
    let card = await createCard(t, { customerName: 'Outsider Pickup Co' });
    card = await completeLane(t, card.id, 'intake', 'ops');
    card = (await move(t, card.id, 'customer_experience', 'ops', card.version)).body;
    for (const who of ['supervisor', 'manager', 'admin']) {
      const res = await t.api(who).post(`/api/cards/${card.id}/pickup`);
      expect([who, res.status, res.body.code]).toEqual([who, 403, 'FORBIDDEN']);
    }
    expect((await t.db.query('SELECT picked_up_by FROM cards WHERE id = $1', [card.id]))[0].picked_up_by).toBeNull();
    const assigned = await t.api('manager').patch(`/api/cards/${card.id}`, { version: card.version, assigneeId: await userId(t, 'cx') });
    expect(assigned.status).toBe(200);
    const picked = await t.api('cx').post(`/api/cards/${card.id}/pickup`);
    expect(picked.status).toBe(200);
    // In its own department's lanes the operations supervisor does pick up.
    const own = await createCard(t, { customerName: 'Insider Pickup Co' });
    expect((await t.api('supervisor').post(`/api/cards/${own.id}/pickup`)).status).toBe(200);
  });

  it('lets supervisors read the metrics and the stuck cards, as managers and admins do', async () => {
    for (const who of ['supervisor', 'manager', 'admin']) {
      expect([who, (await t.api(who).get('/api/metrics')).status]).toEqual([who, 200]);
      expect([who, (await t.api(who).get('/api/stuck')).status]).toEqual([who, 200]);
    }
    expect((await t.api('ops').get('/api/metrics')).status).toBe(403);
  });

  it('tells a person they were assigned, and whoever is @mentioned in a comment', async () => {
    const card = await createCard(t, { customerName: 'Mention Ltd' });
    const sup = await userId(t, 'supervisor');
    await t.api('ops').patch(`/api/cards/${card.id}`, { version: card.version, assigneeId: sup });
    expect((await bell('supervisor')).find((n) => n.cardId === card.id)).toMatchObject({
      kind: 'assigned',
      text: expect.stringContaining('assigned Mention Ltd to you'),
    });
    await t.api('ops').post(`/api/cards/${card.id}/comments`, { body: 'Can @accounting check the rates? cc @nobody' });
    expect((await bell('accounting')).find((n) => n.cardId === card.id)).toMatchObject({
      kind: 'mentioned',
      text: expect.stringContaining('check the rates'),
    });
    expect((await bell('hr')).find((n) => n.cardId === card.id && n.kind === 'mentioned')).toBeUndefined();
    // The assignment went by email too (the default for `assigned`).
    await flushMail();
    expect(smtp.inbox.find((m) => m.to === 'supervisor@relay.test')?.subject).toMatch(/assigned Mention Ltd/);
  });

  it('keeps each person’s choices per kind: off sends nothing at all', async () => {
    expect((await t.api('hr').get('/api/me/preferences')).body).toEqual({
      card_arrived: 'in_app',
      assigned: 'email',
      mentioned: 'in_app',
      reminder: 'in_app',
      stuck: 'email',
      escalated: 'email',
      customer_replied: 'in_app',
    });
    await t.api('accounting').put('/api/me/preferences', { mentioned: 'off' });
    const card = await createCard(t);
    await t.api('ops').post(`/api/cards/${card.id}/comments`, { body: '@accounting again' });
    expect((await bell('accounting')).filter((n) => n.cardId === card.id)).toHaveLength(0);
    expect((await t.api('accounting').put('/api/me/preferences', { pizza: 'email' })).status).toBe(400);
  });

  it('sends one digest email a day to people who chose it, never twice for the same day', async () => {
    await t.api('hr').put('/api/me/preferences', { card_arrived: 'digest' });
    const card = await t.db.query(
      `UPDATE cards SET lane_id = (SELECT id FROM lanes WHERE key = 'hr') WHERE customer_name = 'Arrival Foods' RETURNING id`,
    );
    expect(card[0][0].id).toBeDefined();
    const now = t.clock.now();
    const nextMorning = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 8);
    t.clock.advance(Math.ceil((nextMorning - now.getTime()) / 60_000));
    const digest = t.started.app.get(DigestService);
    expect(await digest.run()).toBe(1);
    expect(await digest.run()).toBe(0);
    await flushMail();
    const mails = smtp.inbox.filter((m) => m.to === 'hr@relay.test' && /digest/.test(m.subject));
    expect(mails).toHaveLength(1);
    expect(mails[0].raw).toMatch(/Waiting on you/);
    expect(mails[0].raw).toMatch(/Arrival Foods in HR/);
    t.clock.advance(24 * 60);
    expect(await digest.run()).toBe(1);
  });
});

describe('the tracker on every card', () => {
  const t = useTestApp({ stuckScanSeconds: 0 });

  it('refuses a non-green risk flag without a reason and bad next actions or touches', async () => {
    const card = await createCard(t);
    const auth = t.api('ops');
    const cases: [object, string][] = [
      [{ riskFlag: 'red' }, 'riskReason'],
      [{ riskFlag: 'amber', riskReason: '  ' }, 'riskReason'],
      [{ riskFlag: 'purple' }, 'riskFlag'],
      [{ nextAction: { text: '', due: '2026-12-01' } }, 'nextAction.text'],
      [{ nextAction: { text: 'Call', due: 'tomorrow' } }, 'nextAction.due'],
      [{ nextAction: { text: 'Call', ownerId: 'bob' } }, 'nextAction.ownerId'],
      [{ lastTouch: { at: '2026-11-20', channel: 'pigeon' } }, 'lastTouch.channel'],
      [{ lastTouch: 'yesterday' }, 'lastTouch'],
      [{ lastTouch: { at: '0002-11-20', channel: 'phone' } }, 'lastTouch.at'],
      [{ lastTouch: { at: '2026-11-20T25:00:00Z', channel: 'phone' } }, 'lastTouch.at'],
      [{ nextAction: { text: 'Call', due: '0002-12-01' } }, 'nextAction.due'],
      [{ contractStartDate: '0002-12-01' }, 'contractStartDate'],
    ];
    for (const [body, field] of cases) {
      const res = await auth.patch(`/api/cards/${card.id}`, { version: 1, ...body });
      expect([res.status, res.body.details?.fields?.map((f: { field: string }) => f.field)]).toEqual([
        400,
        expect.arrayContaining([field]),
      ]);
    }
    expect((await auth.get(`/api/cards/${card.id}`)).body.version).toBe(1);
  });

  it('takes the last touch at a full ISO-8601 time as well as at a date', async () => {
    const card = await createCard(t);
    const ops = t.api('ops');
    const res = await ops.patch(`/api/cards/${card.id}`, { version: 1, lastTouch: { at: '2026-11-20T14:30:00+01:00', channel: 'video' } });
    expect([res.status, res.body.lastTouch]).toEqual([200, { at: '2026-11-20T14:30:00+01:00', channel: 'video' }]);
  });

  it('records tracker changes in the history and shows them on the card summary', async () => {
    const card = await createCard(t);
    const ops = t.api('ops');
    const owner = await userId(t, 'ops');
    const res = await ops.patch(`/api/cards/${card.id}`, {
      version: 1,
      riskFlag: 'red',
      riskReason: 'Customer unreachable',
      nextAction: { text: 'Call the buyer', ownerId: owner, due: '2026-11-25' },
      lastTouch: { at: '2026-11-20', channel: 'phone' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      riskFlag: 'red',
      riskReason: 'Customer unreachable',
      nextAction: { text: 'Call the buyer', due: '2026-11-25' },
      lastTouch: { channel: 'phone' },
    });
    const summary = (await t.board()).cards.find((c) => c.id === card.id)!;
    expect(summary).toMatchObject({ riskFlag: 'red', nextActionDue: '2026-11-25' });
    const green = await ops.patch(`/api/cards/${card.id}`, { version: 2, riskFlag: 'green', riskReason: null });
    expect(green.body).toMatchObject({ riskFlag: 'green', riskReason: null });
    const updates = (await ops.get(`/api/cards/${card.id}/events`)).body.filter((e: { type: string }) => e.type === 'updated');
    expect(updates[0].data.changes.riskFlag).toEqual({ from: 'green', to: 'red' });
    expect(updates[1].data.changes.riskFlag).toEqual({ from: 'red', to: 'green' });
    expect((await t.api('hr').patch(`/api/cards/${card.id}`, { version: 3, riskFlag: 'amber', riskReason: 'x' })).status).toBe(403);
  });
});
