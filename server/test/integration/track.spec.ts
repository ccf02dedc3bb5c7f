import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BoardEvent, BoardResponse, Card, Notification, TrackView } from '@relay/shared';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '../../src/database/data-source.js';
import { CustomerView1763901100000 } from '../../src/database/migrations/1763901100000-customer-view.js';
import { seedPipeline } from '../../src/database/seed.js';
import { MailerService } from '../../src/modules/notifications/mailer.service.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { freshDatabase } from '../support/test-app.js';
import { completeLane, createCard, itemByLabel, move, userId } from '../factories/cards.js';
import { CUSTOMER_LANE_NAMES } from '../kit/index.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { until } from '../support/until.js';
import { connected, socketTo } from '../support/process-clients.js';

const MAX_UPLOAD = 64 * 1024;
let addressSeq = 0;
/** Each test speaks from its own address (Relay trusts the loopback proxy here), so rate limits stay apart. */
const newAddress = () => `203.0.113.${++addressSeq}`;

describe("the customer's view", () => {
  let t: TestApp;
  let board: BoardResponse;
  let clientDir: string;
  let smtp: TestSmtp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    clientDir = await mkdtemp(join(tmpdir(), 'relay-track-client-'));
    await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>Relay</title><div id="root"></div>');
    smtp = await startSmtp();
    t = await startTestApp({ stuckScanSeconds: 0, clientDir, trustProxy: () => true, maxUploadBytes: MAX_UPLOAD, smtpUrl: smtp.url });
    board = await t.board();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
    await smtp.close();
    await rm(clientDir, { recursive: true, force: true });
  });

  const share = async (cardId: string, who = 'ops', body: Record<string, unknown> = {}) =>
    t.api(who).post(`/api/cards/${cardId}/share`, body);
  const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;
  const newShare = async (cardId: string, who = 'ops') => {
    const res = await share(cardId, who);
    expect(res.status).toBe(201);
    return tokenOf(res.body.url);
  };
  const track = (token: string, address = newAddress()) =>
    t.anonymous.get(`/api/track/${token}`, { headers: { 'X-Forwarded-For': address } });
  const answer = (token: string, itemId: string, value: unknown, address = newAddress()) =>
    t.anonymous.put(`/api/track/${token}/requests/${itemId}`, { value }, { headers: { 'X-Forwarded-For': address } });
  const card = async (id: string): Promise<Card> => (await t.api('manager').get(`/api/cards/${id}`)).body;
  const trackSocket = (token: unknown, headers: Record<string, string> = {}) => {
    // Its own connection, as the customer's browser has (not multiplexed over a board socket of this test).
    const s = socketTo(t.url, token, { namespace: '/track', headers, forceNew: true });
    sockets.push(s);
    return s;
  };
  /** Moves a card straight into a lane (the walk there is the pipeline spec's business). */
  const putInLane = async (cardId: string, laneKey: string) => {
    await t.db.query(`UPDATE cards SET lane_id = (SELECT id FROM lanes WHERE key = $2), entered_lane_at = now() WHERE id = $1`, [
      cardId,
      laneKey,
    ]);
  };

  describe('the link', () => {
    it('is made by the lane owners and senior roles, 90 days by default, with 256 random bits kept only as a hash', async () => {
      const c = await createCard(t, { customerName: 'Link Works Ltd' });
      const res = await share(c.id);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        url: expect.stringMatching(/\/track\/[A-Za-z0-9_-]{43}$/),
        expiresAt: expect.any(String),
        emailed: false,
      });
      const days = (Date.parse(res.body.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(89.9);
      expect(days).toBeLessThanOrEqual(90);
      const token = tokenOf(res.body.url);
      const [row] = await t.db.query('SELECT token_hash FROM card_shares WHERE card_id = $1', [c.id]);
      expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      const dump = JSON.stringify(await t.db.query('SELECT * FROM card_shares'));
      expect(dump).not.toContain(token);
      // Not the sales rep, not another department's staff; a supervisor may, whatever the lane.
      expect((await share(c.id, 'sales')).status).toBe(403);
      expect((await share(c.id, 'hr')).status).toBe(403);
      expect((await share(c.id, 'supervisor', { expiresInDays: 7 })).status).toBe(201);
      expect((await share(c.id, 'ops', { expiresInDays: 0 })).body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect((await share(c.id, 'ops', { expiresInDays: 366 })).status).toBe(400);
      const events = (await t.api('ops').get(`/api/cards/${c.id}/events`)).body;
      expect(events.filter((e: { type: string }) => e.type === 'shared')).toHaveLength(2);
    });

    it('counts views, is replaced by a new one, revoked at once, expires, and answers one 404 for all of these', async () => {
      const c = await createCard(t, { customerName: 'Lifecycle Inc' });
      const first = await newShare(c.id);
      expect((await track(first)).status).toBe(200);
      expect((await track(first)).status).toBe(200);
      const info = (await t.api('ops').get(`/api/cards/${c.id}/share`)).body;
      expect(info).toEqual({
        active: true,
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        lastViewedAt: expect.any(String),
        views: 2,
      });

      const second = await newShare(c.id);
      const replaced = await track(first);
      expect((await track(second)).status).toBe(200);
      expect((await t.api('ops').get(`/api/cards/${c.id}/share`)).body.views).toBe(1);

      expect((await t.api('sales').delete(`/api/cards/${c.id}/share`)).status).toBe(403);
      expect((await t.api('ops').delete(`/api/cards/${c.id}/share`)).status).toBe(204);
      const revoked = await track(second);
      expect((await t.api('ops').get(`/api/cards/${c.id}/share`)).body.active).toBe(false);

      const third = await newShare(c.id);
      await t.db.query(`UPDATE card_shares SET expires_at = now() - interval '1 second' WHERE card_id = $1`, [c.id]);
      const expired = await track(third);
      const unknown = await track('A'.repeat(43));
      const malformed = await track('not-a-token');
      for (const res of [replaced, revoked, expired, unknown, malformed]) {
        expect(res.status).toBe(404);
        expect(res.body).toEqual(unknown.body);
      }
      expect(unknown.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    });

    it("is emailed to the card's contact when asked, and the outbox keeps no copy of it once sent", async () => {
      const c = await createCard(t, { customerName: 'Mail Me Ltd', contactName: 'Mo Mail', contactEmail: 'mo@mail-me.example' });
      const res = await share(c.id, 'ops', { email: true, expiresInDays: 30 });
      expect(res.body).toMatchObject({ emailed: true });
      const mailer = t.started.app.get(MailerService);
      await mailer.idle();
      await mailer.deliver();
      const mail = smtp.inbox.find((m) => m.to === 'mo@mail-me.example')!;
      const text = mail.raw.replace(/=\r?\n/g, ''); // quoted-printable soft line breaks
      expect(text).toContain(res.body.url);
      expect(text).toContain('Hello Mo Mail');
      const rows = await t.db.query(`SELECT body, sent_at FROM email_outbox WHERE to_address = 'mo@mail-me.example'`);
      expect(rows).toEqual([{ body: '', sent_at: expect.any(Date) }]);
    });

    it('is answered with the headers of a secret page: no referrer, not indexed, not stored', async () => {
      const c = await createCard(t);
      const token = await newShare(c.id);
      for (const res of [await track(token), await track('B'.repeat(43)), await t.http.get(`/track/${token}`)]) {
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['x-robots-tag']).toMatch(/noindex/);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
      }
      expect((await t.http.get(`/track/${token}`)).text).toContain('<div id="root">');
      // The board's own pages are not affected.
      expect((await t.http.get('/')).headers['x-robots-tag']).toBeUndefined();
    });
  });

  describe('the page', () => {
    it('holds only the allowed fields, and nothing internal', async () => {
      const c = await createCard(t, {
        customerName: 'Leak Test Ltd',
        contactName: 'Dana Contact',
        contactEmail: 'dana@leak-test.example',
        notes: 'SECRET-NOTES internal margin talk',
        specialConditions: 'SECRET-CONDITIONS',
      });
      const ops = t.api('ops');
      expect(
        (
          await ops.patch(`/api/cards/${c.id}`, {
            version: c.version,
            riskFlag: 'red',
            riskReason: 'SECRET-RISK customer may churn',
            nextAction: { text: 'SECRET-ACTION call their lawyer', ownerId: await userId(t, 'ops'), due: '2026-12-24' },
            assigneeId: await userId(t, 'ops'),
          })
        ).status,
      ).toBe(200);
      expect((await ops.post(`/api/cards/${c.id}/comments`, { body: 'SECRET-COMMENT they are difficult' })).status).toBe(201);
      const teamItem = itemByLabel(board, 'intake', 'Budgeted hours per week');
      expect((await ops.put(`/api/cards/${c.id}/checklist/${teamItem.id}`, { value: 987654 })).status).toBe(200);
      const token = await newShare(c.id);
      const res = await track(token);
      expect(res.status).toBe(200);
      const view: TrackView = res.body;
      expect(Object.keys(view).sort()).toEqual(
        ['customerName', 'goLiveDate', 'milestones', 'nextAction', 'requests', 'stage', 'updatedAt', 'waitingOnYou'].sort(),
      );
      expect(Object.keys(view.stage).sort()).toEqual(['name', 'number', 'of']);
      for (const m of view.milestones)
        for (const k of Object.keys(m)) expect(['name', 'description', 'status', 'doneAt', 'targetDate']).toContain(k);
      for (const r of view.requests)
        for (const k of Object.keys(r))
          expect(['id', 'label', 'help', 'kind', 'required', 'options', 'value', 'done', 'fileName']).toContain(k);
      expect(view).toMatchObject({
        customerName: 'Leak Test Ltd',
        stage: { name: 'Getting started', number: 1, of: 7 },
        nextAction: null,
        waitingOnYou: false,
      });
      expect(view.milestones.map((m) => [m.name, m.status])).toEqual([
        ['Getting started', 'current'],
        ['Welcome', 'upcoming'],
        ['Billing set-up', 'upcoming'],
        ['Preparing your service', 'upcoming'],
        ['Staffing', 'upcoming'],
        ['Going live', 'upcoming'],
        ['First-week check', 'upcoming'],
        ['Live', 'upcoming'],
      ]);
      expect(view.requests.map((r) => r.label)).toEqual(['Site access details']);
      const text = JSON.stringify(view);
      for (const secret of [
        'SECRET',
        '"red"',
        'riskFlag',
        'riskReason',
        'Olive Ops',
        '@relay.test',
        'dana@leak-test.example',
        'Dana Contact',
        '987654',
        'Budgeted hours',
        'Sales information reviewed',
        'Operations',
        c.id,
        teamItem.id,
      ])
        expect(text).not.toContain(secret);

      // A next action the team marks for the customer is shown: its text and date only.
      const now = await card(c.id);
      expect(
        (
          await ops.patch(`/api/cards/${c.id}`, {
            version: now.version,
            nextAction: { text: 'We call you to book the kick-off', ownerId: null, due: '2026-12-20', customerVisible: true },
          })
        ).status,
      ).toBe(200);
      expect((await track(token)).body.nextAction).toEqual({ text: 'We call you to book the kick-off', due: '2026-12-20' });
    });

    it('dates the milestones: done with the day left, the current and upcoming ones from the lane limits', async () => {
      let c = await createCard(t, { customerName: 'Dates Ltd' });
      c = await completeLane(t, c.id, 'intake', 'ops');
      c = (await move(t, c.id, 'customer_experience', 'ops', c.version)).body;
      const view: TrackView = (await track(await newShare(c.id, 'supervisor'))).body;
      const today = new Date(t.clock.now()).toISOString().slice(0, 10);
      expect(view.stage).toEqual({ name: 'Welcome', number: 2, of: 7 });
      expect(view.milestones[0]).toMatchObject({ status: 'done', doneAt: today });
      const inDays = (h: number) => new Date(Date.parse(c.enteredLaneAt) + h * 3_600_000).toISOString().slice(0, 10);
      expect(view.milestones[1]).toMatchObject({ status: 'current', targetDate: inDays(48) });
      expect(view.milestones[2]).toMatchObject({ status: 'upcoming', targetDate: inDays(48 + 48) });
      expect(view.milestones[5]).toMatchObject({ name: 'Going live', targetDate: inDays(48 + 48 + 120 + 120 + 72) });
      expect(view.goLiveDate).toBe(inDays(48 + 48 + 120 + 120 + 72));
      // The earlier lane's request is still open to the customer; the next lanes' are not asked yet.
      expect(view.requests.map((r) => r.label)).toEqual(['Site access details', 'Preferred kick-off date']);
    });
  });

  describe('what admins set up', () => {
    it('names lanes for the customer and marks items as requests, and the page follows at once', async () => {
      const c = await createCard(t, { customerName: 'Admin Setup Ltd' });
      const token = await newShare(c.id);
      const admin = t.api('admin');
      const intake = board.lanes[0];
      const live = trackSocket(token);
      await connected(live);
      let changed = 0;
      live.on('track.changed', () => changed++);
      expect((await t.api('ops').patch(`/api/lanes/${intake.id}`, { customerName: 'Nope' })).status).toBe(403);
      const bad = await admin.patch(`/api/lanes/${intake.id}`, { customerName: 'x'.repeat(81) });
      expect(bad.body).toMatchObject({ statusCode: 400, details: { fields: [{ field: 'customerName' }] } });
      expect(
        (await admin.patch(`/api/lanes/${intake.id}`, { customerName: 'First steps', customerDescription: 'We get going.' })).status,
      ).toBe(200);
      await until(() => changed > 0, 4000);
      let view: TrackView = (await track(token)).body;
      expect(view.stage.name).toBe('First steps');
      expect(view.milestones[0]).toMatchObject({ name: 'First steps', description: 'We get going.' });
      // Cleared, the lane's own name stands in.
      expect((await admin.patch(`/api/lanes/${intake.id}`, { customerName: null })).status).toBe(200);
      expect((await track(token)).body.stage.name).toBe(intake.name);

      const added = await admin.post(`/api/lanes/${intake.id}/checklist`, {
        label: 'Number of entrances',
        kind: 'number',
        required: false,
        audience: 'customer',
      });
      expect(added.status).toBe(201);
      view = (await track(token)).body;
      expect(view.requests.map((r) => r.label)).toContain('Number of entrances');
      // A sign-off is the customer's; a person of the team is not theirs to pick.
      const teamSignoff = await admin.post(`/api/lanes/${intake.id}/checklist`, {
        label: 'S',
        kind: 'signoff',
        required: true,
        audience: 'team',
      });
      expect(teamSignoff.body).toMatchObject({ statusCode: 400, details: { fields: [{ field: 'audience' }] } });
      const pick = await admin.post(`/api/lanes/${intake.id}/checklist`, {
        label: 'P',
        kind: 'user',
        required: false,
        audience: 'customer',
      });
      expect(pick.body).toMatchObject({ statusCode: 400, details: { fields: [{ field: 'kind' }] } });
      const signoff = await admin.post(`/api/lanes/${intake.id}/checklist`, { label: 'Order confirmed', kind: 'signoff', required: false });
      expect(signoff.body).toMatchObject({ kind: 'signoff', audience: 'customer' });
      // Back to the team: no longer on the page.
      expect((await admin.patch(`/api/checklist-items/${added.body.id}`, { audience: 'team' })).status).toBe(200);
      expect((await track(token)).body.requests.map((r: { label: string }) => r.label)).not.toContain('Number of entrances');
      expect((await admin.delete(`/api/checklist-items/${added.body.id}`)).status).toBe(204);
      expect((await admin.delete(`/api/checklist-items/${signoff.body.id}`)).status).toBe(204);
      expect(
        (await admin.patch(`/api/lanes/${intake.id}`, { customerName: 'Getting started', customerDescription: intake.customerDescription }))
          .status,
      ).toBe(200);
    });
  });

  describe('requests', () => {
    it('are answered by the customer, in the history as theirs, shown in the drawer, told to the department and live on the board', async () => {
      const c = await createCard(t, { customerName: 'Answers Ltd', contactName: 'Rita Reply' });
      const token = await newShare(c.id);
      const access = itemByLabel(board, 'intake', 'Site access details');
      const boardSocket = await t.socket('supervisor');
      const updates: BoardEvent<'card.updated'>[] = [];
      boardSocket.on('card.updated', (e) => updates.push(e));
      const res = await answer(token, access.id, 'Side door, code 4711, ask for Sam');
      expect(res.status).toBe(200);
      expect(res.body.requests[0]).toMatchObject({ id: access.id, value: 'Side door, code 4711, ask for Sam', done: true });

      const item = (await card(c.id)).checklists[0].items.find((i) => i.id === access.id)!;
      expect(item).toMatchObject({
        audience: 'customer',
        completedBy: { customer: 'Rita Reply' },
        value: 'Side door, code 4711, ask for Sam',
      });
      const events = (await t.api('ops').get(`/api/cards/${c.id}/events`)).body;
      expect(events.at(-1)).toMatchObject({
        type: 'checklist_set',
        actor: null,
        data: { itemId: access.id, customer: 'Rita Reply', to: 'Side door, code 4711, ask for Sam' },
      });
      const bell: Notification[] = (await t.api('ops').get('/api/notifications')).body.items;
      expect(bell.find((n) => n.cardId === c.id && n.kind === 'customer_replied')?.text).toBe(
        'Answers Ltd: Rita Reply (customer) answered "Site access details"',
      );
      await until(() => updates.some((e) => e.card.id === c.id && e.actor === null));

      // Only requests: not the team's items, not requests of lanes the card has not reached; values checked by kind.
      const team = itemByLabel(board, 'intake', 'Sales information reviewed');
      expect((await answer(token, team.id, true)).status).toBe(404);
      const later = itemByLabel(board, 'accounting', 'Billing contact');
      expect((await answer(token, later.id, 'Bob')).status).toBe(404);
      const blank = await answer(token, access.id, '   ');
      expect(blank.body).toMatchObject({ statusCode: 400, code: 'INVALID_VALUE' });
      // Staff may still fill a request for the customer.
      const byStaff = await t.api('ops').put(`/api/cards/${c.id}/checklist/${access.id}`, { value: 'Front desk' });
      expect(byStaff.body.checklists[0].items.find((i: { id: string }) => i.id === access.id).completedBy).toMatchObject({
        name: 'Olive Ops',
      });
    });

    it('tell only those of the department who have not turned customer answers off', async () => {
      const c = await createCard(t, { customerName: 'Quiet Please Ltd', contactName: 'Quinn' });
      const token = await newShare(c.id);
      const prefs = await t.api('supervisor').put('/api/me/preferences', { customer_replied: 'off' });
      expect(prefs.status).toBe(200);
      expect(prefs.body.customer_replied).toBe('off');
      expect((await answer(token, itemByLabel(board, 'intake', 'Site access details').id, 'Gate code 1')).status).toBe(200);
      const bell = async (who: string): Promise<Notification[]> => (await t.api(who).get('/api/notifications')).body.items;
      expect((await bell('ops')).some((n) => n.cardId === c.id && n.kind === 'customer_replied')).toBe(true);
      expect((await bell('supervisor')).some((n) => n.cardId === c.id && n.kind === 'customer_replied')).toBe(false);
    });

    it("take the customer's file with the staff uploads' type and size limits", async () => {
      let c = await createCard(t, { customerName: 'Files Ltd', contactName: 'Fay File' });
      c = await completeLane(t, c.id, 'intake', 'ops');
      c = (await move(t, c.id, 'customer_experience', 'ops', c.version)).body;
      c = await completeLane(t, c.id, 'customer_experience', 'cx');
      c = (await move(t, c.id, 'accounting', 'cx', c.version)).body;
      const token = await newShare(c.id, 'accounting');
      const po = itemByLabel(board, 'accounting', 'Purchase order (if you use them)');
      const upload = (body: Buffer, filename: string, contentType: string) =>
        t.http
          .post(`/api/track/${token}/requests/${po.id}/file`)
          .set('X-Forwarded-For', newAddress())
          .attach('file', body, { filename, contentType });
      const ok = await upload(Buffer.from('%PDF-1.4 purchase order'), 'PO-77.pdf', 'application/pdf');
      expect(ok.status).toBe(200);
      // Shown by its name; the attachment's id stays the team's.
      expect(ok.body.requests.find((r: { id: string }) => r.id === po.id)).toMatchObject({
        done: true,
        fileName: 'PO-77.pdf',
        value: null,
      });
      const full = await card(c.id);
      expect(full.attachments).toEqual([expect.objectContaining({ name: 'PO-77.pdf', itemId: po.id, uploadedBy: null })]);
      expect(full.checklists[2].items.find((i) => i.id === po.id)?.completedBy).toEqual({ customer: 'Fay File' });
      expect((await upload(Buffer.from('MZ'), 'tool.exe', 'application/x-msdownload')).status).toBe(415);
      expect((await upload(Buffer.alloc(MAX_UPLOAD + 1, 65), 'big.pdf', 'application/pdf')).status).toBe(413);
      // A file request answered with a plain value is refused: files come as files.
      expect((await answer(token, po.id, 'PO-77')).status).toBe(400);
    });
  });

  describe('the go-live sign-off', () => {
    it('keeps the card in Go-Live until the customer accepts, recording who, when and from where', async () => {
      const c = await createCard(t, { customerName: 'Sign Off Ltd', contactName: 'Sig Nature' });
      await putInLane(c.id, 'go_live');
      let full = await completeTeamItems(c.id, 'go_live');
      const token = await newShare(c.id, 'supervisor');
      const signoff = itemByLabel(board, 'go_live', 'Customer accepts the service');
      expect(signoff).toMatchObject({ kind: 'signoff', audience: 'customer', required: true });
      const blocked = await move(t, c.id, 'first_week_audit', 'supervisor', full.version);
      expect(blocked.status).toBe(409);
      expect(blocked.body.details.missing).toEqual([
        { itemId: signoff.id, label: 'Customer accepts the service', department: 'operations', role: 'supervisor' },
      ]);
      const view: TrackView = (await track(token)).body;
      expect(view.waitingOnYou).toBe(true);
      expect(view.stage.name).toBe('Going live');

      expect((await answer(token, signoff.id, { name: 'Sig Nature', accepted: false })).status).toBe(400);
      expect((await answer(token, signoff.id, { name: '', accepted: true })).status).toBe(400);
      const signed = await answer(token, signoff.id, { name: 'Sig Nature', accepted: true }, '198.51.100.7');
      expect(signed.status).toBe(200);
      expect(signed.body.waitingOnYou).toBe(false);
      const events = (await t.api('supervisor').get(`/api/cards/${c.id}/events`)).body;
      expect(events.at(-1)).toMatchObject({
        type: 'checklist_set',
        actor: null,
        at: expect.any(String),
        data: { customer: 'Sig Nature', address: '198.51.100.7', to: { name: 'Sig Nature', accepted: true } },
      });
      full = await card(c.id);
      expect(full.checklistDone).toBe(full.checklistRequired);
      expect((await move(t, c.id, 'first_week_audit', 'supervisor', full.version)).status).toBe(200);
    });

    /** Fills the lane's required items of the team (as the supervisor, the manager for role items). */
    async function completeTeamItems(cardId: string, laneKey: string): Promise<Card> {
      const lane = board.lanes.find((l) => l.key === laneKey)!;
      let last: Card | null = null;
      for (const item of lane.checklist.filter((i) => i.required && i.audience === 'team')) {
        const who = item.role === 'manager' ? 'manager' : 'supervisor';
        let value: unknown = item.kind === 'date' ? '2026-12-01' : true;
        if (item.kind === 'file') {
          value = await t.api(who).upload(cardId, { name: 'x.pdf', type: 'application/pdf', content: '%PDF-1.4' });
        }
        const res = await t.api(who).put(`/api/cards/${cardId}/checklist/${item.id}`, { value });
        expect(res.status).toBe(200);
        last = res.body;
      }
      return last!;
    }
  });

  describe('limits', () => {
    it('refuses an address that keeps trying links that lead nowhere, then everything from it for a while', async () => {
      const c = await createCard(t);
      const token = await newShare(c.id);
      const address = newAddress();
      for (let i = 0; i < 20; i++) expect((await track(`${'C'.repeat(42)}${i % 10}`, address)).status).toBe(404);
      const refused = await track('D'.repeat(43), address);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      expect((await track(token, address)).status).toBe(429);
      // Another address is not affected.
      expect((await track(token)).status).toBe(200);
    });

    it("counts the live page's connections in the same budgets: unknown links by socket block the page, and the reverse", async () => {
      const c = await createCard(t);
      const token = await newShare(c.id);
      const refusal = (s: Socket) => new Promise<string>((resolve) => s.once('connect_error', (e) => resolve(e.message)));
      const viaSockets = newAddress();
      for (let i = 0; i < 20; i++)
        expect(await refusal(trackSocket(`${'E'.repeat(42)}${i % 10}`, { 'X-Forwarded-For': viaSockets }))).toBe('NOT_FOUND');
      // The real link, by socket and by HTTP, from the address that guessed.
      expect(await refusal(trackSocket(token, { 'X-Forwarded-For': viaSockets }))).toBe('RATE_LIMITED');
      expect((await track(token, viaSockets)).status).toBe(429);
      // Guesses over HTTP close the socket door too; another address still connects.
      const viaHttp = newAddress();
      for (let i = 0; i < 20; i++) expect((await track(`${'F'.repeat(42)}${i % 10}`, viaHttp)).status).toBe(404);
      expect(await refusal(trackSocket(token, { 'X-Forwarded-For': viaHttp }))).toBe('RATE_LIMITED');
      await connected(trackSocket(token, { 'X-Forwarded-For': newAddress() }));
    });

    it('refuses more than 120 requests a minute from one address', async () => {
      const c = await createCard(t);
      const token = await newShare(c.id);
      const address = newAddress();
      for (let i = 0; i < 120; i++) expect((await track(token, address)).status).toBe(200);
      expect((await track(token, address)).status).toBe(429);
    });
  });

  describe('an existing database', () => {
    it("gets the lanes' customer names and the default requests from the migration (the seed runs only on an empty one)", async () => {
      const url = await freshDatabase();
      await migrate(url);
      const ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
      const runner = ds.createQueryRunner();
      try {
        await seedPipeline(ds);
        const migration = new CustomerView1763901100000();
        // As the database was before the customer's view: no customer names, no requests, no sign-off kind.
        await migration.down(runner);
        await runner.query(`DELETE FROM checklist_items WHERE label = ANY($1)`, [
          ['Site access details', 'Preferred kick-off date', 'Billing contact', 'Purchase order (if you use them)'],
        ]);
        const [{ n }] = await runner.query(`SELECT count(*)::int AS n FROM checklist_items WHERE label = 'Customer accepts the service'`);
        expect(n).toBe(0);
        await migration.up(runner);
        const lanes = await runner.query(`SELECT key, customer_name FROM lanes ORDER BY position`);
        expect(lanes.map((l: { customer_name: string }) => l.customer_name)).toEqual(CUSTOMER_LANE_NAMES);
        const requests = await runner.query(
          `SELECT l.key, i.label, i.kind, i.required FROM checklist_items i JOIN lanes l ON l.id = i.lane_id WHERE i.audience = 'customer' ORDER BY l.position, i.position`,
        );
        expect(requests).toEqual([
          { key: 'intake', label: 'Site access details', kind: 'text', required: false },
          { key: 'customer_experience', label: 'Preferred kick-off date', kind: 'date', required: false },
          { key: 'accounting', label: 'Billing contact', kind: 'text', required: false },
          { key: 'accounting', label: 'Purchase order (if you use them)', kind: 'file', required: false },
          { key: 'go_live', label: 'Customer accepts the service', kind: 'signoff', required: true },
        ]);
        // Run again (e.g. after a down and up), it adds nothing twice.
        await runner.query(`UPDATE lanes SET customer_name = 'Kept' WHERE key = 'hr'`);
        await migration.down(runner);
        await migration.up(runner);
        const [{ total }] = await runner.query(`SELECT count(*)::int AS total FROM checklist_items WHERE label = 'Billing contact'`);
        expect(total).toBe(1);
      } finally {
        await runner.release();
        await ds.destroy();
      }
    });
  });

  describe('live updates', () => {
    it('tells the open page that the card changed, without content, and ends it at once when the link is revoked', async () => {
      const c = await createCard(t, { customerName: 'Live Page Ltd' });
      const token = await newShare(c.id);
      const s = trackSocket(token);
      await connected(s);
      const changes: unknown[] = [];
      s.on('track.changed', (e) => changes.push(e));
      const otherToken = await newShare((await createCard(t)).id);
      // Its own creation is published before its page opens.
      await t.published();
      const other = trackSocket(otherToken);
      await connected(other);
      const otherChanges: unknown[] = [];
      other.on('track.changed', (e) => otherChanges.push(e));

      const item = itemByLabel(board, 'intake', 'Sales information reviewed');
      expect((await t.api('ops').put(`/api/cards/${c.id}/checklist/${item.id}`, { value: true })).status).toBe(200);
      await until(() => changes.length > 0, 4000);
      expect(changes[0]).toEqual({});
      await t.published();
      await new Promise((r) => setTimeout(r, 100));
      expect(otherChanges).toEqual([]);

      let ended = false;
      let disconnected = false;
      s.on('track.ended', () => (ended = true));
      s.on('disconnect', () => (disconnected = true));
      const started = Date.now();
      expect((await t.api('ops').delete(`/api/cards/${c.id}/share`)).status).toBe(204);
      await until(() => disconnected, 5000);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(ended || disconnected).toBe(true);
      expect(other.connected).toBe(true);
    });

    it("ends the old link's page when a new link replaces it", async () => {
      const c = await createCard(t);
      const s = trackSocket(await newShare(c.id));
      await connected(s);
      let disconnected = false;
      s.on('disconnect', () => (disconnected = true));
      await newShare(c.id);
      await until(() => disconnected, 5000);
    });

    it('refuses a socket without a live token, or from a page of another origin', async () => {
      await expect(connected(trackSocket('E'.repeat(43)))).rejects.toThrow('NOT_FOUND');
      await expect(connected(trackSocket(undefined))).rejects.toThrow('NOT_FOUND');
      const token = await newShare((await createCard(t)).id);
      await expect(connected(trackSocket(token, { Origin: 'https://evil.example' }))).rejects.toThrow('CROSS_ORIGIN');
      await connected(trackSocket(token, { Origin: t.url }));
    });
  });
});
