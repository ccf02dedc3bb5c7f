/**
 * The bench's environment: an embedded PostgreSQL started with the server's own helper, and Relay
 * started as a real process (`node server/dist/main.js`) against it. Everything listens on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WORK = join(ROOT, 'bench', '.work');
const SERVER_MAIN = join(ROOT, 'server', 'dist', 'main.js');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (...args) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

/** Listeners of the embedded PostgreSQL's log (the query-log capture subscribes here). */
const pgLogListeners = new Set();
export function onPostgresLog(fn) {
  pgLogListeners.add(fn);
  return () => pgLogListeners.delete(fn);
}

const cleanups = [];
export function atExit(fn) {
  cleanups.push(fn);
}
export async function cleanup() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    await Promise.resolve()
      .then(fn)
      .catch((e) => console.error('cleanup:', e?.message ?? e));
  }
}

export function requireBuilt() {
  for (const f of [
    SERVER_MAIN,
    join(ROOT, 'shared', 'dist', 'index.js'),
    join(ROOT, 'server', 'dist', 'database', 'embedded-postgres.js'),
  ]) {
    if (!existsSync(f)) {
      throw new Error(`${f} is missing: build first (npm run build -w @relay/shared && npm run build -w @relay/server)`);
    }
  }
}

/** A fresh embedded PostgreSQL cluster under bench/.work/<name>, through the server's helper. */
export async function startPostgres(name) {
  const dataDir = join(WORK, name);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const { startEmbeddedPostgres } = await import(pathToFileURL(join(ROOT, 'server', 'dist', 'database', 'embedded-postgres.js')).href);
  const db = await startEmbeddedPostgres(join(dataDir, 'pg'), 'relay', (chunk) => {
    for (const fn of pgLogListeners) fn(chunk);
    if (/FATAL|PANIC/.test(chunk) && !/terminating connection due to administrator command/.test(chunk)) console.error(chunk);
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await db.stop();
  };
  atExit(stop);
  return { url: db.url, dataDir, pgDir: join(dataDir, 'pg'), stop, urlFor: (database) => db.url.replace(/\/[^/]+$/, `/${database}`) };
}

export async function createDatabase(url, name) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)}`);
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
  } finally {
    await c.end();
  }
}

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts Relay (`node server/dist/main.js`) on a free port against `databaseUrl` and waits for /api/health. */
export async function startServer({ databaseUrl, dataDir, clientDir = null, env = {}, nodeArgs = [] }) {
  const port = await freePort();
  let output = '';
  const extraArgs = process.env.BENCH_SERVER_NODE_ARGS ? process.env.BENCH_SERVER_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...extraArgs, ...nodeArgs, process.env.BENCH_SERVER_MAIN ?? SERVER_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      RELAY_DATA_DIR: dataDir,
      RELAY_DEMO: '1',
      RELAY_DEMO_CARDS: '0',
      // A single server on its embedded database: the same as `npm start` without DATABASE_URL.
      RELAY_SOCKET_ADAPTER: 'none',
      RELAY_STUCK_SCAN_SECONDS: '0',
      RELAY_CLIENT_DIR: clientDir ?? '',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // BENCH_SERVER_LOG=<file>: the server's whole output, for diagnosis (e.g. with BENCH_SERVER_NODE_ARGS=--trace-gc).
  const serverLog = process.env.BENCH_SERVER_LOG ? createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' }) : null;
  if (serverLog) child.stdout.pipe(serverLog);
  child.stdout.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr.on('data', (d) => {
    output = (output + d).slice(-20_000);
    if (process.env.BENCH_VERBOSE) process.stderr.write(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Relay exited early (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Relay did not become healthy in 60 s:\n${output}`);
    }
    await sleep(100);
  }
  let stopped = null;
  const stop = () =>
    (stopped ??= new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', (code) => {
        clearTimeout(kill);
        resolve(code);
      });
      child.kill('SIGTERM');
    }));
  atExit(stop);
  return { url, port, pid: child.pid, child, output: () => output, stop };
}

/** Resident memory of a process in MB (VmRSS), or null when it is gone. */
export function rssMb(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** A JSON call to Relay; throws with the error body on a non-2xx answer. */
export async function api(base, method, path, { token, body, headers = {} } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
  return json;
}

export async function login(base, email, password = 'relay-demo-pass') {
  const { token, user } = await api(base, 'POST', '/api/auth/login', { body: { email, password } });
  return { token, user };
}

function cpuTimes() {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = f.map(Number);
  const idle = n[3] + (n[4] ?? 0);
  return { idle, total: n.reduce((a, b) => a + b, 0) };
}

/** Share of the machine's CPU in use (0–1) over `ms`, whoever uses it. */
export async function cpuBusy(ms = 1000) {
  const a = cpuTimes();
  await sleep(ms);
  const b = cpuTimes();
  return b.total === a.total ? 0 : 1 - (b.idle - a.idle) / (b.total - a.total);
}

/**
 * This machine may be shared: before a measurement, waits (bounded) until the CPU is mostly idle
 * while nothing of the bench runs. Returns the busy share seen last, recorded with the figure.
 */
export async function waitQuiet({ threshold = 0.25, maxWaitMs = 60_000 } = {}) {
  const deadline = Date.now() + maxWaitMs;
  let busy = await cpuBusy(1000);
  while (busy > threshold && Date.now() < deadline) {
    log(`machine busy (${Math.round(busy * 100)}% CPU used by others); waiting…`);
    busy = await cpuBusy(3000);
  }
  return busy;
}

const CLK_TCK = 100;
/** CPU time (user + system, ms) a process has used so far, or null when it is gone. */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

/** CPU time (ms) used so far by an embedded PostgreSQL: its postmaster and every child process. */
export function postgresCpuMs(pgDir) {
  let postmaster;
  try {
    postmaster = Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
  let total;
  try {
    // The postmaster itself, and (cutime, cstime) the backends that already exited.
    const stat = readFileSync(`/proc/${postmaster}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total = ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) === postmaster) total += ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
    } catch {
      // gone
    }
  }
  return total;
}

/** CPU used by the server, PostgreSQL and this bench process while `fn` runs. */
export async function withCpu({ serverPid, pgDir }, fn) {
  const before = { server: processCpuMs(serverPid), pg: postgresCpuMs(pgDir), bench: process.cpuUsage() };
  const result = await fn();
  const bench = process.cpuUsage(before.bench);
  return {
    result,
    cpu: {
      serverMs: serverPid ? processCpuMs(serverPid) - before.server : null,
      postgresMs: pgDir ? postgresCpuMs(pgDir) - before.pg : null,
      benchMs: (bench.user + bench.system) / 1000,
    },
  };
}
