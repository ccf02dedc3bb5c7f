import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/common/net.js';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function newestMtime(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newestMtime(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );
}

/** Builds server/dist when it is missing or older than the sources, so a real `node dist/main.js` can be started. */
export function ensureServerBuilt(): void {
  const main = join(serverDir, 'dist', 'main.js');
  const shared = join(serverDir, '..', 'shared');
  if (
    !existsSync(join(shared, 'dist', 'index.js')) ||
    statSync(join(shared, 'dist', 'index.js')).mtimeMs < newestMtime(join(shared, 'src'))
  ) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: shared, stdio: 'inherit' });
  }
  if (!existsSync(main) || statSync(main).mtimeMs < newestMtime(join(serverDir, 'src'))) {
    // `npm run build`, not tsc alone: the build also copies the database functions' .sql files into dist.
    execFileSync('npm', ['run', 'build'], { cwd: serverDir, stdio: 'inherit' });
  }
}

/** A process's environment as the tests use it: its database, the demo people, no sample cards, no scheduled scan. */
export function demoEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: databaseUrl, RELAY_DEMO: '1', RELAY_DEMO_CARDS: '0', RELAY_STUCK_SCAN_SECONDS: '0', ...extra };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Starts Relay as a real process (as `npm start` does after building) and waits for /api/health. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, [join(serverDir, 'dist', 'main.js')], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RELAY_CLIENT_DIR: '',
      RELAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'relay-proc-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
