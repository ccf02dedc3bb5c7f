import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DatabaseStatus } from '../../common/database-status.js';
import { SessionsRepository } from './sessions.repository.js';

/** How often ended sessions and old sign-in attempts are deleted. Each instance does it; deleting twice is harmless. */
export const SESSION_PURGE_MS = 10 * 60_000;

/**
 * Deletes sessions past their absolute or idle expiry and sign-in attempts older than a day, so neither table
 * grows with every sign-in ever made. (The sockets of purged sessions are closed by the gateway's own sweep.)
 */
@Injectable()
export class SessionPurge implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('SessionPurge');

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly database: DatabaseStatus,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.run(), SESSION_PURGE_MS).unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(): Promise<void> {
    try {
      await this.sessions.purgeExpired();
    } catch (err) {
      if (!this.database.check(err)) this.logger.warn(`purging ended sessions failed: ${err}`);
    }
  }
}
