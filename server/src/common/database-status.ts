import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Seconds a client is told to wait (`Retry-After`) while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** SQLSTATEs that mean the connection, not the statement, failed: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, class 08 connection exceptions, 53300 too many connections. */
const PG_UNAVAILABLE = /^(57P0[123]|08...|53300)$/;
/** Socket-level failures reaching PostgreSQL. */
const NET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
/** What pg and pg-pool say when a connection is lost or cannot be had (they set no code). */
const MESSAGE_UNAVAILABLE =
  /Connection terminated|timeout exceeded when trying to connect|Connection is not established|Client has encountered a connection error|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Cannot use a pool after calling end/i;

/**
 * Whether `error` means that the database could not be reached (down, restarting, out of connections), as
 * opposed to a statement that failed. Looks through TypeORM's QueryFailedError (`driverError`), `cause` and
 * AggregateError (several addresses refused).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (PG_UNAVAILABLE.test(code) || NET_UNAVAILABLE.has(code)) return true;
  if (typeof e.message === 'string' && MESSAGE_UNAVAILABLE.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/**
 * Whether the database is reachable, as the last request, scan or probe found it. An outage is logged once
 * when it starts (warn "database unavailable") and once when it ends (info "database is back"), however many
 * requests meet it in between; while it lasts, a probe checks every second whether the database is back.
 */
@Injectable()
export class DatabaseStatus implements OnModuleDestroy {
  private down = false;
  private probe: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('Database');

  constructor(private readonly db: DataSource) {}

  get available(): boolean {
    return !this.down;
  }

  /** Notes an error; returns whether it was the database being unavailable (then the caller need not log it). */
  check(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    if (!this.down) {
      this.down = true;
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`database unavailable (${reason}): answering 503 DATABASE_UNAVAILABLE until it is back`);
      this.probe = setInterval(() => void this.tryProbe(), 1_000).unref();
    }
    return true;
  }

  /** Notes that a query went through. */
  reachable(): void {
    if (!this.down) return;
    this.down = false;
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
    this.logger.warn('database is back');
  }

  /**
   * Asks the database for a trivial answer and notes the outcome (reachable, or the start of an outage);
   * answers the round trip in ms, or throws what the database threw. Health checks and the outage probe.
   */
  async ping(): Promise<number> {
    const started = Date.now();
    try {
      await this.db.query('SELECT 1');
    } catch (err) {
      this.check(err);
      throw err;
    }
    this.reachable();
    return Date.now() - started;
  }

  private async tryProbe(): Promise<void> {
    try {
      await this.ping();
    } catch {
      // still down; the next probe tries again
    }
  }

  onModuleDestroy(): void {
    if (this.probe) clearInterval(this.probe);
  }
}
