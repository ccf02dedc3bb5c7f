import { completeLane, routes, salesForm, type Team } from '../kit/index.js';
import { freshDatabase } from '../support/test-app.js';
import { demoEnv, ensureServerBuilt, type ServerProcess, startServerProcess } from '../support/server-process.js';
import { connect, connected, socketTo, teamOn } from '../support/process-clients.js';

describe('several server processes on one database', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let onA: Team;
  let onB: Team;
  beforeAll(async () => {
    ensureServerBuilt();
    const databaseUrl = await freshDatabase();
    const env = demoEnv(databaseUrl, { RELAY_SOCKET_ADAPTER: 'postgres' });
    a = await startServerProcess(env);
    b = await startServerProcess(env);
    onA = teamOn(a.url);
    onB = teamOn(b.url);
  }, 90_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('shares live events through the PostgreSQL adapter: a move made on one reaches a socket on the other', async () => {
    const opsOnB = await connect(b.url, await onB.as('ops').token());
    const cxOnB = await connect(b.url, await onB.as('cx').token());
    const seen: { type: string; seq: number }[] = [];
    const notes: { notification: { kind: string } }[] = [];
    for (const name of ['card.created', 'card.updated', 'card.moved']) opsOnB.on(name, (e) => seen.push({ type: e.type, seq: e.seq }));
    cxOnB.on('notification', (n) => notes.push(n));
    const card = await onA.as('sales').createCard(salesForm({ customerName: 'Two Servers Inc' }));
    const current = await completeLane(onA, card.id, { by: () => 'ops' });
    const moved = await onA.as('ops').send(routes.move(card.id, 'customer_experience', current.version));
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
    const laneOnB = async () =>
      (await onB.as('manager').board()).lanes.find((l) => l.key === 'hr') as { id: string; name: string; checklist: { label: string }[] };
    const before = await laneOnB(); // B now holds the pipeline in its cache
    const renamed = await onA.as('admin').patch(`/api/lanes/${before.id}`, { name: 'People Ops' });
    expect(renamed.status).toBe(200);
    const added = await onA.as('admin').send(routes.addChecklistItem(before.id, { label: 'Badge printed', kind: 'check', required: true }));
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
    const [opsA, opsB] = await Promise.all([onA.as('ops').token(), onB.as('ops').token(), onA.as('sales').token()]);
    const sockets = await Promise.all([connect(a.url, opsA), connect(a.url, opsA), connect(b.url, opsB), connect(b.url, opsB)]);
    const arrivals = sockets.map((s) => {
      const seqs: number[] = [];
      s.on('card.created', (e: { seq: number }) => seqs.push(e.seq));
      return seqs;
    });
    // A storm of concurrent writes on one instance: its claims, and so its emits, follow one another closely.
    const total = 240;
    let next = 0;
    await Promise.all(
      Array.from({ length: 24 }, async () => {
        while (next < total) {
          const i = next++;
          const res = await onA.as('sales').send(routes.createCard(salesForm({ customerName: `Storm ${i}` })));
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
    const ops = onA.as('ops');
    const card = await onA.as('sales').createCard(salesForm({ customerName: 'Two Pages Inc' }));
    const shared = await ops.send(routes.share(card.id));
    expect(shared.status).toBe(201);
    const token = new URL(shared.body.url).pathname.split('/').pop()!;
    const page = await connected(socketTo(b.url, token, { namespace: '/track', forceNew: true }));
    let changed = 0;
    let disconnected = false;
    page.on('track.changed', () => changed++);
    page.on('disconnect', () => (disconnected = true));
    const item = (await ops.board()).lanes[0].checklist.find((i) => i.kind === 'check')!;
    expect((await ops.send(routes.setItem(card.id, item.id, true))).status).toBe(200);
    const deadline = Date.now() + 5000;
    while (changed === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(changed).toBeGreaterThan(0);
    expect((await ops.delete(`/api/cards/${card.id}/share`)).status).toBe(204);
    while (!disconnected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(disconnected).toBe(true);
  });

  it('stops cleanly on SIGTERM', async () => {
    const code = await b.stop();
    expect(code).toBe(0);
    expect(b.output()).toMatch(/Relay stopped/);
  });
});
