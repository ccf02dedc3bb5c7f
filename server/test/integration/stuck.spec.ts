import type { Notification } from '@relay/shared';
import { completeLane, createCard, move, userId } from '../factories/cards.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { type TestApp, startTestApp, useTestApp } from '../support/test-app.js';
import { StuckService } from '../../src/modules/stuck/stuck.service.js';
import { MailerService } from '../../src/modules/notifications/mailer.service.js';

const HOUR = 60;
const scan = (t: TestApp) => t.started.app.get(StuckService).scan();
const notifications = async (t: TestApp, who: string): Promise<{ items: Notification[]; unread: number }> =>
  (await t.api(who).get('/api/notifications')).body;
const summary = async (t: TestApp, id: string) => (await t.board()).cards.find((c) => c.id === id)!;
const events = async (t: TestApp, id: string) =>
  (await t.api('manager').get(`/api/cards/${id}/events`)).body as { type: string; data: Record<string, unknown> }[];

describe('stuck cards: health, nudges and escalations', () => {
  const t = useTestApp({ stuckScanSeconds: 0 }, { each: true });

  it('turns a card at risk past 75% of its lane limit and stuck past 100%, with minutes overdue', async () => {
    const card = await createCard(t);
    expect(await summary(t, card.id)).toMatchObject({ health: 'ok', overdueMinutes: 0 });
    t.clock.advance(18 * HOUR - 1);
    expect((await summary(t, card.id)).health).toBe('ok');
    t.clock.advance(2);
    expect((await summary(t, card.id)).health).toBe('at_risk');
    t.clock.advance(6 * HOUR + 9);
    expect(await summary(t, card.id)).toMatchObject({ health: 'stuck', overdueMinutes: 10 });
    const full = (await t.api('ops').get(`/api/cards/${card.id}`)).body;
    expect(full).toMatchObject({ health: 'stuck', overdueMinutes: 10 });
  });

  it('nudges the assignee and the owning department once, however often it scans, even after a restart', async () => {
    const card = await createCard(t);
    const sup = await userId(t, 'supervisor');
    await t.api('manager').patch(`/api/cards/${card.id}`, { version: card.version, assigneeId: sup });
    t.clock.advance(24 * HOUR + 5);
    expect(await scan(t)).toMatchObject({ nudged: 1, escalated: 0, ran: true });
    expect(await scan(t)).toMatchObject({ nudged: 0, escalated: 0 });
    const ops = await notifications(t, 'ops');
    expect(ops.items.filter((n) => n.kind === 'stuck')).toHaveLength(1);
    expect(ops.items.find((n) => n.kind === 'stuck')).toMatchObject({ cardId: card.id, read: false });
    expect((await notifications(t, 'supervisor')).items.filter((n) => n.kind === 'stuck')).toHaveLength(1);
    expect((await notifications(t, 'cx')).items.filter((n) => n.kind === 'stuck')).toHaveLength(0);
    // A restart: a new server on the same database, with its own clock set as far on.
    const again = await startTestApp({ stuckScanSeconds: 0 }, t.databaseUrl);
    again.clock.advance(24 * HOUR + 30);
    expect(await scan(again)).toMatchObject({ nudged: 0, escalated: 0 });
    await again.close();
    expect((await events(t, card.id)).filter((e) => e.type === 'nudged')).toHaveLength(1);
  });

  it('gives one nudge when two instances scan at the same moment', async () => {
    await createCard(t);
    const other = await startTestApp({ stuckScanSeconds: 0 }, t.databaseUrl);
    t.clock.advance(24 * HOUR + 5);
    other.clock.advance(24 * HOUR + 5);
    const results = await Promise.all([scan(t), scan(other), scan(t), scan(other)]);
    await other.close();
    expect(results.reduce((n, r) => n + r.nudged, 0)).toBe(1);
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM nudges');
    expect(count).toBe(1);
  });

  it('escalates to senior managers at twice the limit, recording both in the history', async () => {
    const card = await createCard(t);
    t.clock.advance(48 * HOUR + 1);
    expect(await scan(t)).toMatchObject({ nudged: 1, escalated: 1 });
    const manager = await notifications(t, 'manager');
    expect(manager.items.find((n) => n.kind === 'escalated')?.text).toMatch(/twice its limit/);
    expect(manager.unread).toBeGreaterThanOrEqual(1);
    const types = (await events(t, card.id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['nudged', 'escalated']));
    expect(await scan(t)).toMatchObject({ nudged: 0, escalated: 0 });
  });

  it('starts a new clock when a card moves on: no longer stuck, and the next lane nudges on its own visit', async () => {
    let card = await createCard(t);
    t.clock.advance(24 * HOUR + 5);
    await scan(t);
    card = await completeLane(t, card.id, 'intake', 'ops');
    card = (await move(t, card.id, 'customer_experience', 'ops', card.version)).body;
    expect(await summary(t, card.id)).toMatchObject({ health: 'ok', overdueMinutes: 0 });
    expect((await t.api('manager').get('/api/stuck')).body).toHaveLength(0);
    t.clock.advance(48 * HOUR + 5);
    expect(await scan(t)).toMatchObject({ nudged: 1 });
    expect((await notifications(t, 'cx')).items.filter((n) => n.kind === 'stuck')).toHaveLength(1);
    // Sent back to intake: a third visit, with its own nudges.
    card = (await move(t, card.id, 'intake', 'cx', card.version, 'Wrong start date')).body;
    t.clock.advance(24 * HOUR + 5);
    expect(await scan(t)).toMatchObject({ nudged: 1 });
    const nudges = await t.db.query('SELECT lane_visit, level FROM nudges WHERE card_id = $1 ORDER BY lane_visit', [card.id]);
    expect(nudges).toEqual([
      { lane_visit: 1, level: 1 },
      { lane_visit: 2, level: 1 },
      { lane_visit: 3, level: 1 },
    ]);
  });

  it('pushes card.health to open boards and notifications to the person’s own room', async () => {
    const card = await createCard(t);
    const board = await t.socket('cx');
    const ops = await t.socket('ops');
    const health: { card: { id: string; health: string } }[] = [];
    const opsNotes: unknown[] = [];
    const cxNotes: unknown[] = [];
    board.on('card.health', (e) => health.push(e));
    ops.on('notification', (e) => opsNotes.push(e));
    board.on('notification', (e) => cxNotes.push(e));
    t.clock.advance(19 * HOUR);
    await scan(t);
    t.clock.advance(6 * HOUR);
    await scan(t);
    await new Promise((r) => setTimeout(r, 200));
    expect(health.map((e) => [e.card.id, e.card.health])).toEqual([
      [card.id, 'at_risk'],
      [card.id, 'stuck'],
    ]);
    expect(opsNotes).toEqual([
      expect.objectContaining({ notification: expect.objectContaining({ kind: 'stuck', cardId: card.id }), unread: expect.any(Number) }),
    ]);
    expect(cxNotes).toEqual([]);
  });

  it('lists stuck cards most overdue first and reports per-lane metrics computed in SQL', async () => {
    const a = await createCard(t, { customerName: 'Older' });
    t.clock.advance(1 * HOUR);
    const b = await createCard(t, { customerName: 'Newer' });
    t.clock.advance(5 * HOUR);
    await createCard(t, { customerName: 'At risk only' });
    t.clock.advance(20 * HOUR);
    const stuck = (await t.api('manager').get('/api/stuck')).body;
    expect(stuck.map((c: { id: string }) => c.id)).toEqual([a.id, b.id]);
    expect(stuck[0]).toMatchObject({ laneName: 'Operations Intake', department: 'operations', overdueMinutes: 120 });
    expect((await t.api('ops').get('/api/stuck')).status).toBe(403);
    const metrics = (await t.api('manager').get('/api/metrics')).body;
    expect(metrics.lanes[0]).toMatchObject({ laneKey: 'intake', cards: 3, atRisk: 1, stuck: 2, medianHours: 25, p90Hours: 25.8 });
    expect(metrics.lanes[1]).toMatchObject({ laneKey: 'customer_experience', cards: 0, stuck: 0, medianHours: null });
    expect(metrics.pipeline).toMatchObject({ doneLast30Days: 0, medianDaysToDone: null });
  });
});

describe('remind, preferences and email', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  const inbox = () => smtp.inbox;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ stuckScanSeconds: 0, smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const deliver = () => t.started.app.get(MailerService).deliver();

  it('emails a stuck nudge through a real SMTP server, retrying after a failure, and never blocks the scan', async () => {
    await createCard(t, { customerName: 'Mail Me Ltd' });
    t.clock.advance(24 * HOUR + 1);
    smtp.failNext(10);
    const result = await scan(t);
    expect(result.nudged).toBe(1);
    await t.started.app.get(MailerService).idle();
    await deliver();
    expect(inbox()).toHaveLength(0);
    const [pending] = await t.db.query(`SELECT count(*)::int AS n, max(attempts) AS attempts FROM email_outbox WHERE sent_at IS NULL`);
    expect(pending.n).toBeGreaterThan(0);
    smtp.failNext(0);
    await t.db.query(`UPDATE email_outbox SET next_attempt_at = now()`);
    await deliver();
    expect(inbox().map((m) => m.to)).toEqual(expect.arrayContaining(['ops@relay.test', 'supervisor@relay.test', 'manager@relay.test']));
    expect(inbox()[0].subject).toMatch(/Mail Me Ltd is stuck in Operations Intake/);
    // The body greets its person by name and links to the card (quoted-printable may wrap long lines).
    const ops = inbox().find((m) => m.to === 'ops@relay.test')!;
    const body = ops.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(body).toMatch(/Hello [^,\r\n]+,/);
    expect(body).toMatch(/Open it in Relay: http\S*\/\?card=[0-9a-f-]{36}/);
  });

  it('sends nothing to a person who turned a kind off', async () => {
    const before = inbox().length;
    expect((await t.api('ops').put('/api/me/preferences', { stuck: 'off' })).body.stuck).toBe('off');
    expect((await t.api('ops').put('/api/me/preferences', { stuck: 'loud' })).status).toBe(400);
    await createCard(t, { customerName: 'Quiet Co' });
    const beforeNotes = (await notifications(t, 'ops')).items.filter((n) => n.kind === 'stuck').length;
    t.clock.advance(24 * HOUR + 1);
    await scan(t);
    await deliver();
    expect((await notifications(t, 'ops')).items.filter((n) => n.kind === 'stuck')).toHaveLength(beforeNotes);
    expect(
      inbox()
        .slice(before)
        .map((m) => m.to),
    ).not.toContain('ops@relay.test');
  });

  it('reminds the owners of a missing item by hand, once per item per hour', async () => {
    const card = await createCard(t, { customerName: 'Remind Inc' });
    const board = await t.board();
    const item = board.lanes[0].checklist[0];
    const first = await t.api('cx').post(`/api/cards/${card.id}/remind`, { itemId: item.id });
    expect(first.status).toBe(202);
    const second = await t.api('cx').post(`/api/cards/${card.id}/remind`, { itemId: item.id });
    expect(second.status).toBe(429);
    expect((await t.api('cx').post(`/api/cards/${card.id}/remind`, {})).status).toBe(202);
    const reminders = (await notifications(t, 'ops')).items.filter((n) => n.kind === 'reminder' && n.cardId === card.id);
    expect(reminders.map((n) => n.text)).toEqual(expect.arrayContaining([expect.stringContaining(item.label)]));
    t.clock.advance(61);
    expect((await t.api('cx').post(`/api/cards/${card.id}/remind`, { itemId: item.id })).status).toBe(202);
    expect((await events(t, card.id)).filter((e) => e.type === 'reminded')).toHaveLength(3);
  });

  it('marks notifications read one by one and all at once', async () => {
    const list = await notifications(t, 'ops');
    expect(list.unread).toBeGreaterThan(1);
    expect((await t.api('ops').post(`/api/notifications/${list.items[0].id}/read`)).status).toBe(204);
    expect((await notifications(t, 'ops')).unread).toBe(list.unread - 1);
    expect((await t.api('cx').post(`/api/notifications/${list.items[0].id}/read`)).status).toBe(404);
    await t.api('ops').post('/api/notifications/read-all');
    expect((await notifications(t, 'ops')).unread).toBe(0);
  });
});

describe('the test clock', () => {
  it('does not exist unless RELAY_TEST_CLOCK is on', async () => {
    const t = await startTestApp();
    expect((await t.api('admin').post('/api/test/clock', { advanceMinutes: 10 })).status).toBe(404);
    await t.close();
  });

  it('moves the pipeline clock for admins only, keeping sign-in sessions on real time', async () => {
    const t = await startTestApp({ testClock: true, stuckScanSeconds: 0 });
    const card = await createCard(t);
    expect((await t.api('ops').post('/api/test/clock', { advanceMinutes: 10 })).status).toBe(403);
    expect((await t.api('admin').post('/api/test/clock', { advanceMinutes: 0 })).status).toBe(400);
    const res = await t.api('admin').post('/api/test/clock', { advanceMinutes: 2 * 24 * 60 });
    expect(res.status).toBe(200);
    expect((await t.api('ops').get('/api/auth/me')).status).toBe(200);
    expect((await summary(t, card.id)).health).toBe('stuck');
    await t.close();
  });
});
