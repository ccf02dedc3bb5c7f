import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { freePort } from '../../src/common/net.js';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

function redisServerPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('redis-server is not installed (apt-get install redis-server; .ci/run installs it)');
  }
}

/** A real redis-server on loopback, without persistence; `stop()` and `start()` simulate an outage on the same port. */
export async function startRedis(): Promise<TestRedis> {
  const bin = redisServerPath();
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const c = spawn(bin, ['--daemonize', 'no', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      let out = '';
      c.stdout!.on('data', (d) => {
        out += d;
        if (/Ready to accept connections/.test(out)) resolve();
      });
      c.stderr!.on('data', (d) => (out += d));
      c.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    });
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop: () =>
      new Promise<void>((resolve) => {
        const c = child;
        child = null;
        if (!c || c.exitCode !== null) return resolve();
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      }),
  };
}
