import type { BoardEvent } from '@relay/shared';
import pg from 'pg';
import { INSTANCE_LOCK_CLASS } from '../../src/common/change-signals.js';
import { createCard } from '../factories/cards.js';
import { freshDatabase, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * What a crashed instance leaves in the board's outbox — events committed but never numbered, or numbered but
 * never emitted — reaches clients at once after a restart, and within two seconds through a surviving instance.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sql<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A copy of the board's newest event as a `card.updated`, committed without a seq, as a change does before its publish. */
const INSERT_UNNUMBERED = `
  INSERT INTO board_events (pipeline_id, type, actor_id, at, request_id, payload)
  SELECT pipeline_id, 'card.updated', actor_id, now(), 'left-by-a-crash', payload FROM board_events
   WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`;

describe('events a crash left behind', () => {
  it('are numbered at start-up, so a client reconnecting after the restart catches up at once', async () => {
    const databaseUrl = await freshDatabase();
    const before = await startTestApp({}, databaseUrl);
    await createCard(before, { customerName: 'Before The Crash' });
    await before.published();
    const seq = (await before.board()).seq;
    await before.close();
    // The instance died between its commit and its publish.
    await sql(databaseUrl, INSERT_UNNUMBERED);

    const after: TestApp = await startTestApp({}, databaseUrl);
    try {
      const reconnected = Date.now();
      let events: BoardEvent[] = [];
      while (Date.now() - reconnected < 3000) {
        events = (await after.http.get(`/api/board/events?after=${seq}`).set(await after.as('ops'))).body;
        if (events.length > 0) break;
        await sleep(25);
      }
      expect(events).toMatchObject([{ seq: seq + 1, type: 'card.updated', requestId: 'left-by-a-crash' }]);
      expect(Date.now() - reconnected).toBeLessThan(1000);
      expect((await after.board()).seq).toBe(seq + 1);
    } finally {
      await after.close();
    }
  });

  it('are emitted by a surviving instance within 2 s when their instance numbered them and died before emitting, and not while it lives', async () => {
    const t = await startTestApp();
    try {
      await createCard(t, { customerName: 'Numbered Then Lost' });
      await t.published();
      const socket = await t.socket('ops');
      const seen: BoardEvent[] = [];
      socket.on('card.updated', (e: BoardEvent) => seen.push(e));
      const [{ id: pipelineId }] = await sql<{ id: string }>(t.databaseUrl, 'SELECT id FROM pipelines LIMIT 1');
      // Another instance (lease key 4242, its lock held by its change listener) commits an event and claims it:
      // numbered, durably. While that instance lives, the event is its to emit: nobody else emits it.
      const other = new pg.Client({ connectionString: t.databaseUrl });
      await other.connect();
      await other.query('SELECT pg_advisory_lock($1, 4242)', [INSTANCE_LOCK_CLASS]);
      await other.query('BEGIN');
      await other.query(INSERT_UNNUMBERED);
      const claimed = (await other.query('SELECT seq FROM board_events_claim($1, 1000, 4242)', [pipelineId])).rows;
      await other.query('COMMIT');
      expect(claimed).toHaveLength(1);
      await sleep(1200);
      expect(seen).toEqual([]);
      // It dies before its emit: its session, and its lease, go with it.
      await other.end();
      const died = Date.now();
      while (!seen.length && Date.now() - died < 4000) await sleep(20);
      expect(seen).toMatchObject([{ seq: Number(claimed[0].seq), requestId: 'left-by-a-crash' }]);
      expect(Date.now() - died).toBeLessThan(2000);
      // Emitted once: it is marked published, and later sweeps leave it alone.
      await sleep(1500);
      expect(seen).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
