import type { Lane, User } from '@relay/shared';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../common/domain-error.js';
import { CardsRepository } from '../cards/cards.repository.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';
import type { PipelineConfig } from '../pipeline/pipeline.repository.js';
import type { PipelineService } from '../pipeline/pipeline.service.js';
import { BoardEventsRepository } from '../realtime/board-events.repository.js';
import type { RealtimeHub } from '../realtime/realtime-hub.js';
import { CardHistoryRepository } from './card-history.repository.js';
import { ChangeWriter } from './change-writer.js';

/** The writer's conflict handling, with the real statement builders and a database that only records what it is sent. */
const now = new Date('2026-12-08T12:00:00Z');
const lane = {
  id: 'lane-1',
  key: 'sales',
  name: 'Sales',
  position: 0,
  terminal: false,
  timeLimitHours: null,
  checklist: [],
} as unknown as Lane;
const config = {
  pipeline: { id: 'pipeline-1' },
  lanes: [lane],
  laneById: new Map([[lane.id, lane]]),
  laneByKey: new Map([[lane.key, lane]]),
  itemById: new Map(),
  gateSizeByLane: new Map([[lane.id, 0]]),
} as unknown as PipelineConfig;
const user = { id: 'user-1', name: 'Mover' } as User;
const row = (version: number) => ({
  id: 'card-1',
  title: 'Acme',
  customerName: 'Acme',
  laneId: lane.id,
  version,
  laneVisit: 1,
  position: 1024,
  enteredLaneAt: now.toISOString(),
  valueRows: [],
  attachmentRows: [],
  laneTail: null,
  after: null,
});

function writer(answers: unknown[][]) {
  const sent: { sql: string; params: unknown[] }[] = [];
  const db = {
    query: async (sql: string, params: unknown[]) => {
      sent.push({ sql, params });
      return answers.shift() ?? [];
    },
  } as unknown as DataSource;
  (db as { manager: unknown }).manager = db;
  const published: string[] = [];
  const pushed: unknown[] = [];
  const w = new ChangeWriter(
    db,
    new CardsRepository(db),
    new CardHistoryRepository(db),
    new BoardEventsRepository(db),
    new NotificationsRepository(db),
    { pushes: (n: unknown) => (pushed.push(n), []) } as unknown as NotificationsService,
    { load: async () => config, invalidate: () => undefined } as unknown as PipelineService,
    { publish: async (id: string) => void published.push(id) } as unknown as RealtimeHub,
    { now: () => now },
    { publicUrl: 'http://relay.test' },
  );
  return { w, sent, published, pushed };
}

const decide = (q: Parameters<Parameters<ChangeWriter['writeIfVersion']>[4]>[0]) => {
  q.history({ cardId: 'card-1', type: 'moved', actorId: user.id, data: {} });
  q.emit('card.updated', { card: {} as never });
  q.notify({ kind: 'card_arrived', department: 'ops', cardId: 'card-1', text: 'Acme arrived' });
  return { set: { position: 2048 }, after: {} as never };
};

async function conflictOf(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe('VERSION_CONFLICT');
  return err as DomainError;
}

describe('ChangeWriter.writeIfVersion (no database)', () => {
  it('answers a stale version with 409 and the card just read, without writing or deciding anything', async () => {
    const { w, sent, published } = writer([
      [{ ...row(5), after: { type: 'updated', actorId: 'u2', actor: { id: 'u2', name: 'Other' }, at: now.toISOString(), data: {} } }],
    ]);
    let decided = false;
    const err = await conflictOf(w.writeIfVersion(user, null, 'card-1', 4, (q) => ((decided = true), decide(q))));
    expect(err.details).toMatchObject({
      card: { id: 'card-1', version: 5 },
      changedBy: { id: 'u2', name: 'Other' },
      changedAt: now.toISOString(),
    });
    expect(err.message).toContain('(Other)');
    expect(decided).toBe(false);
    // One read (the card with its latest history line), nothing written.
    expect(sent).toHaveLength(1);
    expect(sent.some((s) => /UPDATE|INSERT/.test(s.sql))).toBe(false);
    expect(published).toEqual([]);
  });

  it('when the guarded update did not apply (the card moved on meanwhile): 409 with the card as it is now, nothing published or pushed', async () => {
    const { w, sent, published, pushed } = writer([[row(4)], [{ applied: 0, notified: null }], [row(6)]]);
    const err = await conflictOf(w.writeIfVersion(user, null, 'card-1', 4, decide));
    expect(err.details).toMatchObject({ card: { version: 6 }, changedBy: null });
    expect(published).toEqual([]);
    expect(pushed).toEqual([]);
    // One statement: the guarded update first, and every queued write guarded by it.
    const [statement] = sent.filter((s) => s.sql.includes('UPDATE cards'));
    expect(statement.sql.indexOf('guarded AS (UPDATE cards')).toBeGreaterThan(0);
    for (const part of ['INSERT INTO card_events', 'INSERT INTO board_events', 'INSERT INTO notifications'])
      expect(statement.sql).toContain(part);
    // History, events and the notification requests are read only if the guarded update applied.
    expect(statement.sql.match(/WHERE EXISTS \(SELECT FROM guarded\)/g)).toHaveLength(3);
    expect(statement.params).toContain(4);
  });

  it('publishes and pushes once the guarded update applied', async () => {
    const { w, published, pushed } = writer([[row(4)], [{ applied: 1, notified: { mailed: 0, pushes: [] } }]]);
    await w.writeIfVersion(user, null, 'card-1', 4, decide);
    expect(published).toEqual(['pipeline-1']);
    expect(pushed).toEqual([{ mailed: 0, pushes: [] }]);
  });
});
