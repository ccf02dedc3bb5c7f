import { io } from 'socket.io-client';
import request from 'supertest';
import { freshDatabase } from '../support/test-app.js';
import { ensureServerBuilt, type ServerProcess, startServerProcess } from '../support/server-process.js';
import { connect, tokenFor } from '../support/process-clients.js';

describe('several server processes on one database', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    ensureServerBuilt();
    const databaseUrl = await freshDatabase();
    const env = {
      DATABASE_URL: databaseUrl,
      RELAY_DEMO: '1',
      RELAY_DEMO_CARDS: '0',
      RELAY_SOCKET_ADAPTER: 'postgres',
      RELAY_STUCK_SCAN_SECONDS: '0',
    };
    a = await startServerProcess(env);
    b = await startServerProcess(env);
  }, 90_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('shares live events through the PostgreSQL adapter: a move made on one reaches a socket on the other', async () => {
    const opsOnB = await connect(b.url, await tokenFor(b.url, 'ops@relay.test'));
    const cxOnB = await connect(b.url, await tokenFor(b.url, 'cx@relay.test'));
    const seen: { type: string; seq: number }[] = [];
    const notes: { notification: { kind: string } }[] = [];
    for (const name of ['card.created', 'card.updated', 'card.moved']) opsOnB.on(name, (e) => seen.push({ type: e.type, seq: e.seq }));
    cxOnB.on('notification', (n) => notes.push(n));
    const sales = await tokenFor(a.url, 'sales@relay.test');
    const ops = await tokenFor(a.url, 'ops@relay.test');
    const api = request(a.url);
    const card = (
      await api
        .post('/api/cards')
        .set('Authorization', `Bearer ${sales}`)
        .send({
          customerName: 'Two Servers Inc',
          contactName: 'T',
          contactEmail: 't@two.example',
          serviceAddress: '2 Way',
          contractStartDate: '2026-12-01',
          services: ['x'],
        })
    ).body;
    const board = (await api.get('/api/board').set('Authorization', `Bearer ${ops}`)).body;
    const supervisor = (await api.get('/api/users?role=supervisor').set('Authorization', `Bearer ${ops}`)).body[0].id;
    const values: Record<string, unknown> = { check: true, user: supervisor, choice: null, number: 8, date: '2026-12-01' };
    for (const item of board.lanes[0].checklist.filter((i: { required: boolean }) => i.required)) {
      const value = item.kind === 'choice' ? item.options[0] : values[item.kind];
      expect(
        (await api.put(`/api/cards/${card.id}/checklist/${item.id}`).set('Authorization', `Bearer ${ops}`).send({ value })).status,
      ).toBe(200);
    }
    const current = (await api.get(`/api/cards/${card.id}`).set('Authorization', `Bearer ${ops}`)).body;
    const moved = await api
      .post(`/api/cards/${card.id}/move`)
      .set('Authorization', `Bearer ${ops}`)
      .send({ toLane: 'customer_experience', version: current.version });
    expect(moved.status).toBe(200);
    const deadline = Date.now() + 5000;
    while (!seen.some((e) => e.type === 'card.moved') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen.at(-1)).toMatchObject({ type: 'card.moved' });
    expect(seen[0].type).toBe('card.created');
    expect(seen.map((e) => e.seq)).toEqual([...seen.map((e) => e.seq)].sort((x, y) => x - y));
    // The user-room notification of the arrival also crossed over.
    while (!notes.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(notes[0].notification.kind).toBe('card_arrived');
    opsOnB.close();
    cxOnB.close();
  });

  it("drops every instance's cached pipeline when one of them changes it", async () => {
    const adminA = await tokenFor(a.url, 'admin@relay.test');
    const managerB = await tokenFor(b.url, 'manager@relay.test');
    const laneOnB = async () =>
      (await request(b.url).get('/api/board').set('Authorization', `Bearer ${managerB}`)).body.lanes.find(
        (l: { key: string }) => l.key === 'hr',
      ) as { id: string; name: string; checklist: { label: string }[] };
    const before = await laneOnB(); // B now holds the pipeline in its cache
    const renamed = await request(a.url)
      .patch(`/api/lanes/${before.id}`)
      .set('Authorization', `Bearer ${adminA}`)
      .send({ name: 'People Ops' });
    expect(renamed.status).toBe(200);
    const added = await request(a.url)
      .post(`/api/lanes/${before.id}/checklist`)
      .set('Authorization', `Bearer ${adminA}`)
      .send({ label: 'Badge printed', kind: 'check', required: true });
    expect(added.status).toBe(201);
    const deadline = Date.now() + 3000;
    let after = await laneOnB();
    while ((after.name !== 'People Ops' || !after.checklist.some((i) => i.label === 'Badge printed')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      after = await laneOnB();
    }
    expect(after.name).toBe('People Ops');
    expect(after.checklist.map((i) => i.label)).toContain('Badge printed');
  });

  it("delivers one instance's events to every socket, on it and on the other instance, in seq order", async () => {
    const [sales, opsA, opsB] = await Promise.all([
      tokenFor(a.url, 'sales@relay.test'),
      tokenFor(a.url, 'ops@relay.test'),
      tokenFor(b.url, 'ops@relay.test'),
    ]);
    const sockets = await Promise.all([connect(a.url, opsA), connect(a.url, opsA), connect(b.url, opsB), connect(b.url, opsB)]);
    const arrivals = sockets.map((s) => {
      const seqs: number[] = [];
      s.on('card.created', (e: { seq: number }) => seqs.push(e.seq));
      return seqs;
    });
    // A storm of concurrent writes on one instance: its claims, and so its emits, follow one another closely.
    const api = request(a.url);
    const total = 240;
    let next = 0;
    await Promise.all(
      Array.from({ length: 24 }, async () => {
        while (next < total) {
          const i = next++;
          const res = await api
            .post('/api/cards')
            .set('Authorization', `Bearer ${sales}`)
            .send({
              customerName: `Storm ${i}`,
              contactName: 'S',
              contactEmail: 's@storm.example',
              serviceAddress: '1 Storm St',
              contractStartDate: '2026-12-01',
              services: ['x'],
            });
          expect(res.status).toBe(201);
        }
      }),
    );
    const deadline = Date.now() + 10_000;
    while (arrivals.some((seqs) => seqs.length < total) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const seqs of arrivals) {
      expect(seqs).toHaveLength(total);
      const reordered = seqs.filter((seq, i) => i > 0 && seq < seqs[i - 1]).length;
      expect({ reordered, gapless: seqs.every((seq, i) => i === 0 || seq === seqs[i - 1] + 1) }).toEqual({ reordered: 0, gapless: true });
    }
    for (const s of sockets) s.close();
  }, 60_000);

  it("tells a customer's page on one instance of a change made on the other, and ends it there when the link is revoked", async () => {
    const sales = await tokenFor(a.url, 'sales@relay.test');
    const ops = await tokenFor(a.url, 'ops@relay.test');
    const api = request(a.url);
    const card = (
      await api
        .post('/api/cards')
        .set('Authorization', `Bearer ${sales}`)
        .send({
          customerName: 'Two Pages Inc',
          contactName: 'P',
          contactEmail: 'p@two.example',
          serviceAddress: '2 Way',
          contractStartDate: '2026-12-01',
          services: ['x'],
        })
    ).body;
    const shared = await api.post(`/api/cards/${card.id}/share`).set('Authorization', `Bearer ${ops}`).send({});
    expect(shared.status).toBe(201);
    const token = new URL(shared.body.url).pathname.split('/').pop()!;
    const page = io(`${b.url}/track`, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      page.once('connect', () => resolve());
      page.once('connect_error', reject);
    });
    let changed = 0;
    let disconnected = false;
    page.on('track.changed', () => changed++);
    page.on('disconnect', () => (disconnected = true));
    const board = (await api.get('/api/board').set('Authorization', `Bearer ${ops}`)).body;
    const item = board.lanes[0].checklist.find((i: { kind: string }) => i.kind === 'check');
    expect(
      (await api.put(`/api/cards/${card.id}/checklist/${item.id}`).set('Authorization', `Bearer ${ops}`).send({ value: true })).status,
    ).toBe(200);
    const deadline = Date.now() + 5000;
    while (changed === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(changed).toBeGreaterThan(0);
    expect((await api.delete(`/api/cards/${card.id}/share`).set('Authorization', `Bearer ${ops}`)).status).toBe(204);
    while (!disconnected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(disconnected).toBe(true);
  });

  it('stops cleanly on SIGTERM', async () => {
    const code = await b.stop();
    expect(code).toBe(0);
    expect(b.output()).toMatch(/Relay stopped/);
  });
});
