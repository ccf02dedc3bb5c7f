import type { Socket } from 'socket.io-client';
import { startRedis, type TestRedis } from '../support/redis.js';
import { demoEnv, ensureServerBuilt, type ServerProcess, startServerProcess } from '../support/server-process.js';
import { freshDatabase } from '../support/test-app.js';
import { routes, salesForm, type RelayClient } from '../kit/index.js';
import { connect, teamOn } from '../support/process-clients.js';

/** Two server processes sharing live events through a real redis-server (REDIS_URL), and living through its restart. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live events between instances through Redis', () => {
  let redis: TestRedis;
  let a: ServerProcess;
  let b: ServerProcess;
  let sales: RelayClient;
  let socket: Socket;
  const seen: { title: string; seq: number }[] = [];

  beforeAll(async () => {
    ensureServerBuilt();
    redis = await startRedis();
    const env = demoEnv(await freshDatabase(), { REDIS_URL: redis.url, LOG_LEVEL: 'info' });
    a = await startServerProcess(env);
    b = await startServerProcess(env);
    sales = teamOn(a.url).as('sales');
    await sales.token();
    socket = await connect(b.url, await teamOn(b.url).as('ops').token());
    socket.on('card.created', (e: { seq: number; card: { title: string } }) => seen.push({ title: e.card.title, seq: e.seq }));
  }, 90_000);
  afterAll(async () => {
    socket?.close();
    await a?.stop();
    await b?.stop();
    await redis?.stop();
  });

  const create = (name: string) => sales.send(routes.createCard(salesForm({ customerName: name })));

  it('uses Redis, and a card made on one instance reaches a socket on the other, in seq order', async () => {
    expect(a.output()).toMatch(/live events shared between instances through Redis/);
    for (let i = 0; i < 20; i++) expect((await create(`Redis ${i}`)).status).toBe(201);
    const deadline = Date.now() + 5000;
    while (seen.length < 20 && Date.now() < deadline) await sleep(20);
    expect(seen.map((e) => e.title)).toEqual(Array.from({ length: 20 }, (_, i) => `Redis ${i}`));
    expect(seen.map((e) => e.seq)).toEqual([...seen.map((e) => e.seq)].sort((x, y) => x - y));
  });

  it('lives through a Redis outage: requests still answer, and events cross again once Redis is back', async () => {
    await redis.stop();
    await sleep(1000);
    expect((await create('During the Redis outage')).status).toBe(201);
    expect((await teamOn(b.url).anonymous().get('/api/health')).status).toBe(200);
    await sleep(500);
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
    await redis.start();
    const deadline = Date.now() + 15_000;
    let n = 0;
    while (!seen.some((e) => e.title.startsWith('After Redis')) && Date.now() < deadline) {
      expect((await create(`After Redis ${++n}`)).status).toBe(201);
      await sleep(300);
    }
    expect(seen.some((e) => e.title.startsWith('After Redis'))).toBe(true);
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
    // The loss is logged once per connection, not once per reconnection attempt.
    const lost = a.output().match(/Redis (publisher|subscriber) connection lost/g) ?? [];
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.length).toBeLessThanOrEqual(2);
  }, 60_000);
});
