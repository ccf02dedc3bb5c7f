import type { BoardEvent } from '@relay/shared';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { completeLane, createCard, move } from '../factories/cards.js';
import { useTestApp } from '../support/test-app.js';
import { until } from '../support/until.js';
import { RealtimeHub } from '../../src/modules/realtime/realtime-hub.js';

const BOARD_EVENTS = ['card.created', 'card.moved', 'card.updated', 'card.health', 'comment.added'] as const;

/** Records every board event a socket receives, in arrival order. */
function record(socket: Socket): BoardEvent[] {
  const seen: BoardEvent[] = [];
  for (const name of BOARD_EVENTS) socket.on(name, (e: BoardEvent) => seen.push(e));
  return seen;
}

const settle = () => new Promise((r) => setTimeout(r, 150));

describe('live board over socket.io', () => {
  const t = useTestApp();

  it('refuses connections without a valid session', async () => {
    for (const auth of [{}, { token: 'forged-token' }, { token: 42 }]) {
      const s = io(t.url, { path: '/socket.io', transports: ['websocket'], auth, reconnection: false });
      const err = await new Promise<Error>((resolve) => s.once('connect_error', resolve));
      expect(err.message).toBe('UNAUTHENTICATED');
      s.close();
    }
    const cookie = io(t.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: 'relay_session=nope' },
      reconnection: false,
    });
    expect((await new Promise<Error>((resolve) => cookie.once('connect_error', resolve))).message).toBe('UNAUTHENTICATED');
    cookie.close();
  });

  it('accepts the session cookie as well as auth.token', async () => {
    const login = await t.anonymous.post('/api/auth/login', { email: 'cx@relay.test', password: 'relay-demo-pass' });
    const cookie = String(login.cookies).split(';')[0];
    const s = io(t.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      s.once('connect', resolve);
      s.once('connect_error', reject);
    });
    s.close();
  });

  it('delivers the same events in the same gapless seq order to every client', async () => {
    const clients = await Promise.all(['ops', 'cx', 'manager'].map((w) => t.socket(w)));
    const logs = clients.map(record);
    const start = (await t.board()).seq;
    const cards = await Promise.all([1, 2, 3].map((i) => createCard(t, { customerName: `Live ${i}` })));
    await Promise.all(cards.map(async (c) => completeLane(t, c.id, 'intake', 'ops')));
    const fresh = await Promise.all(cards.map(async (c) => (await t.api('ops').get(`/api/cards/${c.id}`)).body));
    await Promise.all(fresh.map((c) => move(t, c.id, 'customer_experience', 'ops', c.version)));
    await t.published();
    const end = (await t.board()).seq;
    await until(() => logs.every((l) => l.length === end - start));
    const seqs = logs[0].map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: end - start }, (_, i) => start + i + 1));
    for (const log of logs) expect(log).toEqual(logs[0]);
    expect(logs[0].filter((e) => e.type === 'card.moved')).toHaveLength(3);
    for (const c of clients) c.disconnect();
  });

  it('lets a client that was away catch up exactly from the seq it last saw', async () => {
    const stay = await t.socket('ops');
    const away = await t.socket('cx');
    const stayLog = record(stay);
    const awayLog = record(away);
    const card = await createCard(t, { customerName: 'Catch Up Co' });
    await until(() => awayLog.length === 1);
    const lastSeen = awayLog[0].seq;
    away.disconnect();
    await t.api('ops').post(`/api/cards/${card.id}/comments`, { body: 'While you were away' });
    await completeLane(t, card.id, 'intake', 'ops');
    await t.published();
    const end = (await t.board()).seq;
    await until(() => stayLog.at(-1)?.seq === end);
    const missed = (await t.api('cx').get(`/api/board/events?after=${lastSeen}`)).body as BoardEvent[];
    expect(missed).toEqual(stayLog.slice(1));
    expect(missed[0]).toMatchObject({ type: 'comment.added', cardId: card.id, comment: { body: 'While you were away' } });
    stay.disconnect();
  });

  it('emits nothing for a refused move', async () => {
    const s = await t.socket('manager');
    const log = record(s);
    const card = await createCard(t);
    await until(() => log.length === 1);
    const refused = await move(t, card.id, 'customer_experience', 'ops', card.version);
    expect(refused.status).toBe(409);
    const skipped = await move(t, card.id, 'hr', 'ops', card.version);
    expect(skipped.status).toBe(422);
    await settle();
    expect(log).toHaveLength(1);
    s.disconnect();
  });

  it('carries the request id so a client recognises the echo of its own change', async () => {
    const s = await t.socket('sales');
    const log = record(s);
    const res = await t.api('sales').post(
      '/api/cards',
      {
        customerName: 'Echo Ltd',
        contactName: 'E',
        contactEmail: 'e@echo.example',
        serviceAddress: '1 Echo St',
        contractStartDate: '2026-12-01',
        services: ['cleaning'],
      },
      { headers: { 'x-relay-request-id': 'req-123' } },
    );
    expect(res.status).toBe(201);
    await until(() => log.length === 1);
    expect(log[0]).toMatchObject({ type: 'card.created', requestId: 'req-123', actor: { name: 'Sam Sales' }, card: { id: res.body.id } });
    s.disconnect();
  });

  it('sends a notification only to its person', async () => {
    const ops = await t.socket('ops');
    const hr = await t.socket('hr');
    const opsNotes: unknown[] = [];
    const hrNotes: unknown[] = [];
    ops.on('notification', (n) => opsNotes.push(n));
    hr.on('notification', (n) => hrNotes.push(n));
    await createCard(t, { customerName: 'Only Ops Hears' });
    await until(() => opsNotes.length === 1);
    await settle();
    expect(opsNotes[0]).toMatchObject({ notification: { kind: 'card_arrived', text: expect.stringContaining('Only Ops Hears') } });
    expect(hrNotes).toEqual([]);
    ops.disconnect();
    hr.disconnect();
  });

  it('publishes what a crash between commit and publish left behind on the next sweep', async () => {
    const s = await t.socket('ops');
    const log = record(s);
    const hub = t.started.app.get(RealtimeHub);
    const publish = hub.publish.bind(hub);
    hub.publish = async () => undefined; // the process "dies" after commit, before publishing
    const card = await createCard(t, { customerName: 'Survivor' });
    hub.publish = publish;
    await settle();
    expect(log).toHaveLength(0);
    await hub.sweep();
    await hub.sweep();
    await until(() => log.length === 1);
    expect(log[0]).toMatchObject({ type: 'card.created', card: { id: card.id } });
    s.disconnect();
  });

  it('ends the sockets of a signed-out session and of a deactivated person', async () => {
    const login = await t.anonymous.post('/api/auth/login', { email: 'hr@relay.test', password: 'relay-demo-pass' });
    const s = io(t.url, { path: '/socket.io', transports: ['websocket'], auth: { token: login.body.token }, reconnection: false });
    await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    const ended = new Promise((resolve) => s.once('disconnect', resolve));
    await t.anonymous.post('/api/auth/logout', undefined, { headers: { Authorization: `Bearer ${login.body.token}` } });
    await ended;
    const admin = t.api('admin');
    const user = (
      await admin.post('/api/users', {
        name: 'Temp',
        email: 'temp@relay.test',
        role: 'staff',
        departments: ['hr'],
        password: 'harbour-lantern-42',
      })
    ).body.user;
    const tempToken = (await t.anonymous.post('/api/auth/login', { email: 'temp@relay.test', password: 'harbour-lantern-42' })).body.token;
    const tempSocket = io(t.url, { path: '/socket.io', transports: ['websocket'], auth: { token: tempToken }, reconnection: false });
    await new Promise<void>((resolve) => tempSocket.once('connect', () => resolve()));
    const gone = new Promise((resolve) => tempSocket.once('disconnect', resolve));
    await admin.patch(`/api/users/${user.id}`, { active: false });
    await gone;
  });

  it('numbers events once each, gaplessly and in commit order, while claims on several connections race with commits', async () => {
    await t.published();
    const [{ id: pipelineId, last_seq: base }] = await t.db.query('SELECT id, last_seq FROM pipelines');
    const pool = new pg.Pool({ connectionString: t.databaseUrl, max: 7 });
    const claims: number[][] = [];
    let writing = true;
    // Four writers commit 25 events each, one after another; three claimers number whatever has committed.
    const writers = [0, 1, 2, 3].map(async (w) => {
      const ids: string[] = [];
      for (let i = 0; i < 25; i++) {
        const { rows } = await pool.query(
          `INSERT INTO board_events (pipeline_id, type, at, payload) VALUES ($1, 'comment.added', now(), $2) RETURNING id`,
          [pipelineId, { actor: null, writer: w, n: i }],
        );
        ids.push(rows[0].id);
      }
      return ids;
    });
    const claimers = [0, 1, 2].map(async () => {
      for (;;) {
        const done = !writing;
        const { rows } = await pool.query('SELECT seq FROM board_events_claim($1, 7)', [pipelineId]);
        claims.push(rows.map((r: { seq: string }) => Number(r.seq)).sort((a: number, b: number) => a - b));
        if (done && rows.length === 0) return;
      }
    });
    const written = await Promise.all(writers);
    writing = false;
    await Promise.all(claimers);
    await pool.end();

    const seqOf = new Map<string, number>(
      (await t.db.query('SELECT id, seq FROM board_events WHERE id = ANY($1)', [written.flat()])).map((r: { id: string; seq: string }) => [
        r.id,
        Number(r.seq),
      ]),
    );
    // Every event numbered, by exactly one claim, each claim a run of consecutive seqs, together base+1 … base+100.
    const all = claims.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => Number(base) + 1 + i));
    for (const c of claims) expect(c).toEqual(Array.from({ length: c.length }, (_, i) => c[0] + i));
    expect([...seqOf.values()].sort((a, b) => a - b)).toEqual(all);
    // Each writer committed its events one after another: they are numbered in that order.
    for (const ids of written) {
      const seqs = ids.map((id) => seqOf.get(id)!);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    expect(Number((await t.db.query('SELECT last_seq FROM pipelines'))[0].last_seq)).toBe(Number(base) + 100);
  });

  it('claims without waiting for changes in flight, and changes commit while a claim is open', async () => {
    await t.published();
    const [{ id: pipelineId }] = await t.db.query('SELECT id FROM pipelines');
    const insertEvent = `INSERT INTO board_events (pipeline_id, type, at, payload) VALUES ($1, 'comment.added', now(), '{"actor":null}') RETURNING id`;
    const change = new pg.Client({ connectionString: t.databaseUrl });
    const claimer = new pg.Client({ connectionString: t.databaseUrl });
    await Promise.all([change.connect(), claimer.connect()]);
    try {
      // Any wait on the pipeline row fails fast instead of hanging the test.
      await Promise.all([change.query(`SET lock_timeout = '2s'`), claimer.query(`SET lock_timeout = '2s'`)]);
      // A change in flight: its event's foreign key holds FOR KEY SHARE on the pipeline row until it commits.
      await change.query('BEGIN');
      const [{ id: pending }] = (await change.query(insertEvent, [pipelineId])).rows;
      const early = await claimer.query('SELECT id FROM board_events_claim($1, 1000)', [pipelineId]);
      expect(early.rows).toEqual([]); // not committed, not numbered
      await change.query('COMMIT');
      // A claim still open (its commit not yet flushed): another change inserts and commits meanwhile.
      await claimer.query('BEGIN');
      const open = await claimer.query('SELECT id FROM board_events_claim($1, 1000)', [pipelineId]);
      expect(open.rows.map((r: { id: string }) => r.id)).toEqual([pending]);
      const [{ id: beside }] = (await change.query(insertEvent, [pipelineId])).rows;
      await claimer.query('COMMIT');
      const later = await claimer.query('SELECT id FROM board_events_claim($1, 1000)', [pipelineId]);
      expect(later.rows.map((r: { id: string }) => r.id)).toEqual([beside]);
    } finally {
      await Promise.all([change.end(), claimer.end()]);
    }
  });

  it('answers GET /api/board/events with 400 for a bad seq', async () => {
    const ops = t.api('ops');
    expect((await ops.get('/api/board/events?after=abc')).status).toBe(400);
    expect((await ops.get('/api/board/events?after=-1')).status).toBe(400);
    expect((await ops.get('/api/board/events')).status).toBe(400);
  });
});
