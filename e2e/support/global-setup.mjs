// Plain ESM: jest loads global setup outside its module mapper, so this cannot import the .ts support files.
//
// Starts ONE Relay for the whole run, the way the README starts it (`node server/dist/main.js` after a build),
// on a free port with a fresh data directory and the test clock, and ONE Chromium that every journey
// connects to (a new context per person). Shares both through environment variables:
//   RELAY_E2E_URL         http://127.0.0.1:<port>
//   RELAY_E2E_BROWSER_WS  the Chromium server's websocket endpoint
//   RELAY_E2E_SERVER_LOG  the file the server's output goes to (copied next to a failed journey's artifacts)
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const e2eDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(e2eDir, '..');
const serverMain = join(root, 'server', 'dist', 'main.js');
const clientIndex = join(root, 'client', 'dist', 'index.html');
export const artifactsDir = join(e2eDir, 'artifacts');

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

function checkBuilt() {
  const missing = [serverMain, clientIndex].filter((f) => !existsSync(f));
  if (missing.length === 0) return;
  throw new Error(
    `The end-to-end journeys need a built Relay, but ${missing.map((f) => f.slice(root.length + 1)).join(' and ')} ` +
      `${missing.length > 1 ? 'are' : 'is'} missing.\n` +
      'Build first (npm test does this for you):\n' +
      '  npm run build -w @relay/shared && npm run build -w @relay/server -w @relay/client',
  );
}

async function waitHealthy(url, child, output) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Relay exited during start-up (code ${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Relay did not become healthy within 60 s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function startRelay() {
  const dataDir = await mkdtemp(join(tmpdir(), 'relay-e2e-'));
  // As root the embedded PostgreSQL runs as the `postgres` system user, who must reach its cluster.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const logFile = join(dataDir, 'server.log');
  const log = createWriteStream(logFile);
  let tail = '';
  const child = spawn(process.execPath, [serverMain], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      RELAY_DATA_DIR: dataDir,
      RELAY_TEST_CLOCK: '1',
      RELAY_STUCK_SCAN_SECONDS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (d) => {
    log.write(d);
    tail = (tail + d).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  // Should jest end without its teardown (an interrupted run), still let Relay stop its PostgreSQL.
  process.once('exit', () => child.exitCode === null && child.kill('SIGTERM'));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, child, () => tail);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return { url, child, dataDir, logFile, log };
}

export default async function globalSetup() {
  checkBuilt();
  await rm(artifactsDir, { recursive: true, force: true });
  await mkdir(artifactsDir, { recursive: true });
  const relay = await startRelay();
  let browser;
  try {
    browser = await chromium.launchServer({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
  } catch (err) {
    await stopRelay(relay);
    throw new Error(
      `Chromium could not be started from ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} ` +
        `(install it with \`apt-get install chromium\` or set CHROMIUM_PATH): ${err instanceof Error ? err.message : err}`,
      { cause: err },
    );
  }
  process.env.RELAY_E2E_URL = relay.url;
  process.env.RELAY_E2E_BROWSER_WS = browser.wsEndpoint();
  process.env.RELAY_E2E_SERVER_LOG = relay.logFile;
  globalThis.__relayE2e = { relay, browser };
}

/** SIGTERM lets Relay stop its embedded PostgreSQL in order; wait for the process to exit. */
function stopRelay({ child, dataDir, log }) {
  return new Promise((resolve) => {
    const done = async () => {
      clearTimeout(killer);
      log.end();
      await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
      resolve();
    };
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    if (child.exitCode !== null || child.signalCode !== null) return void done();
    child.once('exit', () => void done());
    child.kill('SIGTERM');
  });
}

export async function teardown() {
  const state = globalThis.__relayE2e;
  if (!state) return;
  globalThis.__relayE2e = undefined;
  await state.browser.close().catch(() => undefined);
  await stopRelay(state.relay);
}
