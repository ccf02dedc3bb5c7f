import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StartedApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { describeError } from './common/describe-error.js';
import { limitHeapGrowth } from './common/heap.js';
import type { EmbeddedDatabase } from './database/embedded-postgres.js';

const here = fileURLToPath(new URL('.', import.meta.url));

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // Before the application's modules load (below), so that every full collection from start-up on uses it.
  limitHeapGrowth(config.heapGrowthPercent);
  if (config.clientDir === null && process.env.RELAY_CLIENT_DIR !== '') config.clientDir = resolve(here, '../../client/dist');

  let embedded: EmbeddedDatabase | null = null;
  let started: StartedApp | null = null;
  let starting = true;
  let pending: string | null = null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Relay…`);
    // Whatever hangs (a request that never ends, a database that does not answer), stop within 10 s.
    const force = setTimeout(() => {
      console.error('Relay did not stop within 10 s; exiting anyway.');
      void embedded?.stop().finally(() => process.exit(1));
    }, 10_000);
    force.unref();
    try {
      await started?.close();
    } catch (err) {
      console.error(`While stopping Relay: ${describeError(err)}`);
    } finally {
      await embedded?.stop();
      console.log('Relay stopped.');
      process.exit(0);
    }
  };
  // Installed before anything starts, so a signal during start-up still stops the embedded PostgreSQL.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (!starting) return void shutdown(signal);
      if (!pending) console.log(`\n${signal}: Relay stops when the current start-up step ends…`);
      pending = signal;
    });
  }

  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const { startEmbeddedPostgres } = await import('./database/embedded-postgres.js');
    embedded = await startEmbeddedPostgres(
      join(config.dataDir, 'pg'),
      'relay',
      (line) => {
        if (/FATAL|PANIC|ERROR/.test(line)) console.error(line);
      },
      (line) => console.error(line),
    ).catch((err) => {
      throw new Error(`the embedded PostgreSQL in ${join(config.dataDir, 'pg')} did not start: ${describeError(err)}`, { cause: err });
    });
    databaseUrl = embedded.url;
    if (pending) return void shutdown(pending);
  }

  started = await import('./app.js')
    .then(({ startApp }) => startApp({ config, databaseUrl }))
    .catch(async (err) => {
      await embedded?.stop();
      throw err;
    });
  starting = false;
  if (pending) return void shutdown(pending);

  const url = `http://localhost:${config.port}`;
  console.log(`\nRelay is running at ${url}  (API ${url}/api, docs ${url}/api/docs)`);
  console.log(embedded ? `Database: embedded PostgreSQL in ${join(config.dataDir, 'pg')}` : 'Database: DATABASE_URL');
  if (!config.demo && config.nodeEnv === 'production') {
    console.log(
      'No demo people or cards were seeded (NODE_ENV=production; set RELAY_DEMO=1 for a demo). ' +
        'The first administrator is created from RELAY_ADMIN_EMAIL and RELAY_ADMIN_PASSWORD when nobody has that email yet.',
    );
  }
  if (config.demo) {
    console.log(`Demo sign-ins (password "${config.demoPassword}"):`);
    console.log('  sales@relay.test · ops@relay.test · cx@relay.test · accounting@relay.test · hr@relay.test');
    console.log('  supervisor@relay.test · manager@relay.test · admin@relay.test');
  }
}

main().catch((err) => {
  console.error(`Relay failed to start: ${describeError(err)}`);
  process.exit(1);
});
