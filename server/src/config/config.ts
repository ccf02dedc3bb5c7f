import { resolve } from 'node:path';
import { emailIdentityProblem, passwordProblem } from '@relay/shared';
import proxyaddr from 'proxy-addr';

/** Relay's configuration, read once from the environment and validated at start-up. */
export interface RelayConfig {
  port: number;
  host: string;
  nodeEnv: string;
  /** External PostgreSQL; when absent an embedded PostgreSQL runs in `dataDir/pg`. */
  databaseUrl: string | null;
  dataDir: string;
  demo: boolean;
  /** Sample onboardings on an empty board (demo mode, not under the test clock). */
  demoCards: boolean;
  demoPassword: string;
  /** The first administrator, created at start-up when nobody has that email yet (a production database starts empty). */
  admin: { email: string; password: string } | null;
  stuckScanSeconds: number;
  testClock: boolean;
  smtpUrl: string | null;
  smtpFrom: string;
  redisUrl: string | null;
  socketAdapter: 'postgres' | 'none';
  logLevel: string;
  /** Where the built board is served from; null to serve no client. */
  clientDir: string | null;
  maxUploadBytes: number;
  publicUrl: string;
  /** Which peers' X-Forwarded-For/-Proto/-Host are believed (RELAY_TRUST_PROXY, Express's `trust proxy` syntax). */
  trustProxy: TrustProxy;
  /** How far the V8 heap may grow past its live size before a full collection, in percent; 0: V8's own factor. */
  heapGrowthPercent: number;
}

/** Is the peer at `address`, `hop` steps from Relay (0: the one connected to it), a proxy to believe? */
export type TrustProxy = (address: string, hop: number) => boolean;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be 1/0 or true/false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(name, `must start with ${protocols.join(' or ')}`);
  return raw;
}

function firstAdmin(env: Env): RelayConfig['admin'] {
  const email = env.RELAY_ADMIN_EMAIL?.trim();
  const password = env.RELAY_ADMIN_PASSWORD;
  if (!email && !password) return null;
  if (!email) throw new ConfigError('RELAY_ADMIN_EMAIL', 'must be set with RELAY_ADMIN_PASSWORD');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ConfigError('RELAY_ADMIN_EMAIL', 'must be an email address');
  const lookalike = emailIdentityProblem(email);
  if (lookalike) throw new ConfigError('RELAY_ADMIN_EMAIL', lookalike.replace(/^email /, ''));
  // The rules of shared's passwordProblem but the common-password list (which the server loads on first use).
  const problem = passwordProblem(password ?? '', { email, demoPassword: env.RELAY_DEMO_PASSWORD });
  if (problem || !password) throw new ConfigError('RELAY_ADMIN_PASSWORD', (problem ?? '').replace(/^password /, ''));
  return { email, password };
}

/**
 * RELAY_TRUST_PROXY, as Express's `trust proxy` takes it: `false` (nobody), `true` (every peer: only when
 * Relay is reachable solely through its proxy), a hop count, or comma-separated addresses, CIDR ranges and
 * the names `loopback`, `linklocal`, `uniquelocal`. Default: loopback only.
 */
function trustProxy(env: Env): TrustProxy {
  const raw = (env.RELAY_TRUST_PROXY ?? '').trim();
  const value = raw === '' ? 'loopback' : raw.toLowerCase();
  if (value === 'false') return () => false;
  if (value === 'true') return () => true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  const list = value.split(',').map((v) => v.trim());
  try {
    if (list.some((v) => v === '')) throw new TypeError('an empty entry');
    return proxyaddr.compile(list);
  } catch (err) {
    throw new ConfigError(
      'RELAY_TRUST_PROXY',
      `must be false, true, a hop count, or comma-separated addresses, CIDR ranges, loopback, linklocal or uniquelocal (${(err as Error).message})`,
    );
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env = process.env, cwd = process.cwd()): RelayConfig {
  const nodeEnv = env.NODE_ENV || 'development';
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const testClock = flag(env, 'RELAY_TEST_CLOCK', false);
  if (testClock && nodeEnv === 'production') throw new ConfigError('RELAY_TEST_CLOCK', 'cannot be used with NODE_ENV=production');
  const logLevel = (env.LOG_LEVEL || 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const adapter = env.RELAY_SOCKET_ADAPTER || (databaseUrl ? 'postgres' : 'none');
  if (adapter !== 'postgres' && adapter !== 'none') throw new ConfigError('RELAY_SOCKET_ADAPTER', 'must be "postgres" or "none"');
  const port = int(env, 'PORT', 3000, 0, 65535);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    nodeEnv,
    databaseUrl,
    dataDir: resolve(cwd, env.RELAY_DATA_DIR || '.relay-data'),
    // Demo people have published passwords: never by default in production, even on the embedded database.
    demo: flag(env, 'RELAY_DEMO', !databaseUrl && nodeEnv !== 'production'),
    demoCards: flag(env, 'RELAY_DEMO_CARDS', flag(env, 'RELAY_DEMO', !databaseUrl && nodeEnv !== 'production') && !testClock),
    demoPassword: env.RELAY_DEMO_PASSWORD || 'relay-demo-pass',
    admin: firstAdmin(env),
    stuckScanSeconds: int(env, 'RELAY_STUCK_SCAN_SECONDS', 60, 0, 86_400),
    testClock,
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    smtpFrom: env.SMTP_FROM || 'Relay <relay@localhost>',
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    socketAdapter: adapter,
    logLevel,
    clientDir: env.RELAY_CLIENT_DIR === '' ? null : env.RELAY_CLIENT_DIR ? resolve(cwd, env.RELAY_CLIENT_DIR) : null,
    maxUploadBytes: int(env, 'RELAY_MAX_UPLOAD_MB', 20, 1, 1024) * 1024 * 1024,
    publicUrl: url(env, 'RELAY_PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`,
    trustProxy: trustProxy(env),
    heapGrowthPercent: int(env, 'RELAY_HEAP_GROWTH_PCT', 50, 0, 300),
  };
}
