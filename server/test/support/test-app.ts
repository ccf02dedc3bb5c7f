import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Socket } from 'socket.io-client';
import { DEMO_PASSWORD, type BoardResponse } from '@relay/shared';
import { RelayClient, Team } from '../kit/index.js';
import { connected, socketTo } from './process-clients.js';
import { type StartedApp, startApp } from '../../src/app.js';
import { AdjustableClock } from '../../src/common/clock.js';
import { RealtimeHub } from '../../src/modules/realtime/realtime-hub.js';
import { loadConfig, type RelayConfig } from '../../src/config/config.js';

export interface TestApp {
  started: StartedApp;
  url: string;
  databaseUrl: string;
  clock: AdjustableClock;
  db: DataSource;
  http: ReturnType<typeof request>;
  /** Everyone's API client (test/kit): `t.team.as('ops')`. */
  team: Team;
  /** `t.team.as(who)`: a demo person's API client, signed in on first use. */
  api(who: string): RelayClient;
  /** An API client without a session. */
  anonymous: RelayClient;
  /** A bearer token for a demo person (`ops` for ops@relay.test). */
  token(who: string): Promise<string>;
  /** Authorization header for a demo person. */
  as(who: string): Promise<{ Authorization: string }>;
  board(who?: string): Promise<BoardResponse>;
  /** Resolves once the events of every change answered so far are published (numbered and emitted). */
  published(): Promise<void>;
  socket(who: string, opts?: { connect?: boolean }): Promise<Socket>;
  close(): Promise<void>;
}

/** A fresh database inside the run's PostgreSQL. */
export async function freshDatabase(): Promise<string> {
  const adminUrl = process.env.RELAY_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error('RELAY_TEST_ADMIN_URL is not set: run tests through jest (global setup)');
  const name = `relay_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Boots Relay as `npm start` does (migrations, seed, demo people) on a fresh database and a free port. */
export async function startTestApp(overrides: Partial<RelayConfig> = {}, databaseUrl?: string): Promise<TestApp> {
  const dbUrl = databaseUrl ?? (await freshDatabase());
  const dataDir = await mkdtemp(join(tmpdir(), 'relay-test-data-'));
  const config: RelayConfig = {
    ...loadConfig({
      RELAY_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.RELAY_TEST_LOG_LEVEL ?? 'silent',
      RELAY_DEMO: '1',
      RELAY_DEMO_CARDS: '0',
      PORT: '0',
      RELAY_CLIENT_DIR: '',
    }),
    host: '127.0.0.1',
    ...overrides,
  };
  const clock = new AdjustableClock();
  const started = await startApp({ config, databaseUrl: dbUrl, clock });
  const http = request(started.url);
  const team = new Team(started.url, DEMO_PASSWORD);
  const token = (who: string) => team.as(who).token();
  const sockets: Socket[] = [];
  return {
    started,
    url: started.url,
    databaseUrl: dbUrl,
    clock,
    db: started.app.get(DataSource),
    http,
    team,
    api: (who) => team.as(who),
    anonymous: team.anonymous(),
    token,
    as: async (who) => ({ Authorization: `Bearer ${await token(who)}` }),
    board: (who = 'ops') => team.as(who).board(),
    published: () => started.app.get(RealtimeHub).flush(),
    socket: async (who, opts = {}) => {
      const s = socketTo(started.url, await token(who), { autoConnect: false });
      sockets.push(s);
      return opts.connect === false ? s : connected(s);
    },
    close: async () => {
      for (const s of sockets) s.disconnect();
      await started.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A TestApp for the enclosing `describe`, booted before its tests (before each one with `each`) and closed after:
 * `const t = useTestApp({ … })` instead of the hooks written out. `t` reads whichever app is running.
 */
export function useTestApp(overrides: Partial<RelayConfig> = {}, opts: { each?: boolean } = {}): TestApp {
  let current: TestApp | undefined;
  (opts.each ? beforeEach : beforeAll)(async () => {
    current = await startTestApp(overrides);
  });
  (opts.each ? afterEach : afterAll)(async () => {
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as TestApp, {
    get: (_, key) => {
      if (!current) throw new Error('the test app runs only inside tests and hooks (useTestApp)');
      return Reflect.get(current, key);
    },
  });
}
