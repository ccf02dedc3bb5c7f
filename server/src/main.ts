import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
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
  if (config.clientDir === null && process.env.RELAY_CLIENT_DIR !== '') config.clientDir = resolve(here, '../../client/dist');

  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const { startEmbeddedPostgres } = await import('./database/embedded-postgres.js');
    embedded = await startEmbeddedPostgres(join(config.dataDir, 'pg'), 'relay', (line) => {
      if (/FATAL|PANIC|ERROR/.test(line)) console.error(line);
    });
    databaseUrl = embedded.url;
  }

  let stopping = false;
  const started = await startApp({ config, databaseUrl }).catch(async (err) => {
    await embedded?.stop();
    throw err;
  });
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Relay…`);
    try {
      await started.close();
    } finally {
      await embedded?.stop();
      console.log('Relay stopped.');
      process.exit(0);
    }
  };
  // embedded-postgres hooks these signals to exit at once; Relay stops itself in order instead.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }

  const url = `http://localhost:${config.port}`;
  console.log(`\nRelay is running at ${url}  (API ${url}/api, docs ${url}/api/docs)`);
  console.log(embedded ? `Database: embedded PostgreSQL in ${join(config.dataDir, 'pg')}` : 'Database: DATABASE_URL');
  if (config.demo) {
    console.log(`Demo sign-ins (password "${config.demoPassword}"):`);
    console.log('  sales@relay.test · ops@relay.test · cx@relay.test · accounting@relay.test · hr@relay.test');
    console.log('  supervisor@relay.test · manager@relay.test · admin@relay.test');
  }
}

main().catch((err) => {
  console.error('Relay failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
