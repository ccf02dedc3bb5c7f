import { DataSource } from 'typeorm';
import { PreparingClient } from './preparing-client.js';
import { ENTITIES, PostgresNaming } from './schema/index.js';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema.js';
import { AdminAuditAndInvites1763900200000 } from './migrations/1763900200000-admin-audit-and-invites.js';
import { NotificationsAndNudges1763900100000 } from './migrations/1763900100000-notifications-and-nudges.js';
import { BoardSeqAtCommit1763900300000 } from './migrations/1763900300000-board-seq-at-commit.js';
import { PipelineChangeNotify1763900400000 } from './migrations/1763900400000-pipeline-change-notify.js';
import { CardChecklistDone1763900500000 } from './migrations/1763900500000-card-checklist-done.js';
import { PeopleChangeNotify1763900600000 } from './migrations/1763900600000-people-change-notify.js';
import { BoardSeqAtPublish1763900700000 } from './migrations/1763900700000-board-seq-at-publish.js';
import { ClaimNoKeyLock1763900800000 } from './migrations/1763900800000-claim-no-key-lock.js';
import { LoginAttemptReserve1763900900000 } from './migrations/1763900900000-login-attempt-reserve.js';
import { PublishedAfterEmit1763901000000 } from './migrations/1763901000000-published-after-emit.js';
import { CustomerView1763901100000 } from './migrations/1763901100000-customer-view.js';
import { CardReturned1763901500000 } from './migrations/1763901500000-card-returned.js';
import { FunctionsFromFiles1763901200000 } from './migrations/1763901200000-functions-from-files.js';
import { ClosedCards1763901400000 } from './migrations/1763901400000-closed-cards.js';

export const MIGRATIONS = [
  InitialSchema1763900000000,
  NotificationsAndNudges1763900100000,
  AdminAuditAndInvites1763900200000,
  BoardSeqAtCommit1763900300000,
  PipelineChangeNotify1763900400000,
  CardChecklistDone1763900500000,
  PeopleChangeNotify1763900600000,
  BoardSeqAtPublish1763900700000,
  ClaimNoKeyLock1763900800000,
  LoginAttemptReserve1763900900000,
  PublishedAfterEmit1763901000000,
  CustomerView1763901100000,
  FunctionsFromFiles1763901200000,
  ClosedCards1763901400000,
  CardReturned1763901500000,
];

/** TypeORM options for Relay: the schema's entities (schema/), changed by migrations only, never `synchronize`. */
export function dataSourceOptions(url: string, poolSize = 20) {
  return {
    type: 'postgres' as const,
    url,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    entities: ENTITIES,
    namingStrategy: new PostgresNaming(),
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to check for or install at connect.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    extra: {
      max: poolSize,
      // pg's default closes a connection after 10 s idle; under bursty load the pool then keeps reconnecting
      // (a fork and a SCRAM handshake each, and the prepared statements lost), which stalled requests for
      // hundreds of milliseconds in the bench. Connections now stay for 5 idle minutes.
      idleTimeoutMillis: 300_000,
      // An unreachable database fails a request (503 DATABASE_UNAVAILABLE) instead of holding it indefinitely.
      connectionTimeoutMillis: 10_000,
      application_name: 'relay',
      Client: PreparingClient,
    },
  };
}

/** Runs pending migrations under an advisory lock so concurrent instances migrate once. */
export async function migrate(url: string): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions(url, 1), migrationsTransactionMode: 'each' });
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock(727001)');
    const ran = await ds.runMigrations();
    return ran.map((m) => m.name);
  } finally {
    await ds.query('SELECT pg_advisory_unlock(727001)').catch(() => undefined);
    await ds.destroy();
  }
}
