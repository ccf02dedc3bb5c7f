import { routes, salesForm } from '../kit/index.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { demoEnv, ensureServerBuilt, type ServerProcess, startServerProcess } from '../support/server-process.js';
import { startStandalonePostgres, type StandalonePostgres } from '../support/standalone-postgres.js';
import { connect, teamOn } from '../support/process-clients.js';

/**
 * An external PostgreSQL restarts under running instances (with each socket adapter): the processes live
 * through it, answer 503 DATABASE_UNAVAILABLE meanwhile (logged once, not per request), and recover alone.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const newCard = (name: string) => routes.createCard(salesForm({ customerName: name }));

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const logLines = (p: ServerProcess) =>
  p
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string; err?: unknown });

describe('a PostgreSQL restart under running instances', () => {
  let db: StandalonePostgres;
  let redis: TestRedis;
  beforeAll(async () => {
    ensureServerBuilt();
    db = await startStandalonePostgres();
    redis = await startRedis();
  }, 120_000);
  afterAll(async () => {
    await redis?.stop();
    await db?.destroy();
  });

  for (const adapter of ['postgres', 'redis', 'none'] as const) {
    it(`is lived through with the ${adapter} socket adapter: 503 during the outage, recovery after it`, async () => {
      const env = demoEnv(await db.database(), {
        RELAY_STUCK_SCAN_SECONDS: '1',
        LOG_LEVEL: 'info',
        ...(adapter === 'redis' ? { REDIS_URL: redis.url } : { RELAY_SOCKET_ADAPTER: adapter }),
      });
      const a = await startServerProcess(env);
      // With an adapter, the socket listens on a second instance: events must cross over after the restart.
      const b = adapter === 'none' ? a : await startServerProcess(env);
      try {
        // Signed in before the outage.
        const sales = teamOn(a.url).as('sales');
        await sales.token();
        const socket = await connect(b.url, await teamOn(b.url).as('ops').token());
        const created: string[] = [];
        socket.on('card.created', (e: { card: { title: string } }) => created.push(e.card.title));

        await db.stop();
        await sleep(500);
        const api = teamOn(a.url).anonymous();
        const answers = await Promise.all(
          Array.from({ length: 40 }, (_, i) => (i % 2 ? sales.send(newCard(`During ${i}`)) : sales.send(routes.board()))),
        );
        for (const res of answers) {
          expect({ status: res.status, code: res.body.code }).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        }
        expect((await api.get('/api/health')).status).toBe(503);
        await sleep(1500); // the sweep, the scan and the listeners all meet the outage meanwhile
        expect(a.child.exitCode).toBeNull();
        expect(b.child.exitCode).toBeNull();

        await db.start();
        await eventually('health', async () => ((await api.get('/api/health')).status === 200 ? true : undefined));
        // Writes go through again, and (once the instances' connections are back) their events reach the socket.
        let n = 0;
        await eventually(
          'an event written after the restart to reach the socket',
          async () => {
            const r = await sales.send(newCard(`After ${++n}`));
            if (r.status !== 201) return undefined;
            await sleep(200);
            return created.some((t) => t.startsWith('After')) ? true : undefined;
          },
          15_000,
        ).catch((e) => {
          throw new Error(`${e.message}\n--- a:\n${a.output()}\n--- b:\n${b.output()}`);
        });
        socket.close();

        await sleep(300);
        expect(a.child.exitCode).toBeNull();
        expect(b.child.exitCode).toBeNull();
        const lines = logLines(a);
        expect(lines.filter((l) => /database unavailable/i.test(l.msg))).toHaveLength(1);
        expect(lines.filter((l) => /database is back/i.test(l.msg))).toHaveLength(1);
        // No error line per request, and each component says once that the database went and once that it came back.
        expect(lines.filter((l) => l.level >= 50)).toEqual([]);
        const warnings = lines.filter((l) => l.level === 40).map((l) => l.msg);
        const once = [
          /^database unavailable/,
          /^database is back/,
          /^change listener lost/,
          /^change listener is back/,
          /^lost the LISTEN connection/,
          /^LISTEN connection is back/,
        ];
        // Events claimed while the instance's lease was down look orphaned to a sweep: emitted again, harmlessly.
        const allowed = [...once, /^emitting \d+ board event\(s\) numbered by an instance that stopped/];
        for (const w of warnings) expect(allowed.some((re) => re.test(w)) ? w : `unexpected warning: ${w}`).toBe(w);
        for (const re of once) expect(warnings.filter((w) => re.test(w)).length).toBeLessThanOrEqual(1);
      } finally {
        await a.stop();
        if (b !== a) await b.stop();
        await db.start();
      }
    }, 90_000);
  }
});
