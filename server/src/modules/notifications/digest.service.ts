import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { formatDuration } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DatabaseStatus } from '../../common/database-status.js';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { type DigestPerson, DigestRepository } from './digest.repository.js';
import { MailerService } from './mailer.service.js';
import { NotificationsRepository } from './notifications.repository.js';

/** Digests go out once the pipeline clock passes this hour (UTC). */
export const DIGEST_HOUR_UTC = 7;

/**
 * The daily digest: one email a day per person who chose `digest` for any kind, listing what
 * arrived, what is stuck and what waits on them. A (person, day) primary key means never twice.
 */
@Injectable()
export class DigestService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Digest');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(RELAY_CONFIG) private readonly config: RelayConfig,
    private readonly db: DataSource,
    private readonly repo: NotificationsRepository,
    private readonly digests: DigestRepository,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    private readonly database: DatabaseStatus,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.stuckScanSeconds <= 0) return;
    this.timer = setInterval(
      () => void this.run().catch((err) => this.database.check(err) || this.logger.warn(`digest failed: ${err}`)),
      this.config.stuckScanSeconds * 1000,
    ).unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Sends today's digests that are due and not yet sent; returns how many were queued. */
  async run(): Promise<number> {
    const now = this.clock.now();
    if (now.getUTCHours() < DIGEST_HOUR_UTC) return 0;
    const day = now.toISOString().slice(0, 10);
    const queued = await this.db.transaction(async (m) => {
      if (!(await this.digests.lock(m))) return 0;
      const people = await this.digests.duePeople(m, day);
      const mails = [];
      for (const person of people) {
        if (!(await this.digests.claim(m, person.id, day, now))) continue;
        mails.push({ to: person.email, subject: `Relay digest for ${day}`, body: await this.compose(m, person, now) });
      }
      await this.repo.queueEmails(m, mails);
      return mails.length;
    });
    if (queued) this.mailer.kick();
    return queued;
  }

  private async compose(m: EntityManager, person: DigestPerson, now: Date): Promise<string> {
    const since = new Date(now.getTime() - 24 * 3_600_000);
    const news = await this.digests.arrived(m, person.id, since);
    const stuck = await this.digests.stuck(m, person, now);
    const waiting = await this.digests.waiting(m, person);
    const section = (title: string, lines: string[]) =>
      `${title}\n${lines.length ? lines.map((l) => `  - ${l}`).join('\n') : '  (nothing)'}\n`;
    return [
      `Hello ${person.name}, here is your Relay day.\n`,
      section('What arrived', news),
      section(
        'What is stuck',
        stuck.map((s) => `${s.title} in ${s.lane}, ${formatDuration(s.overdue)} overdue`),
      ),
      section(
        'Waiting on you',
        waiting.map((w) => `${w.title} in ${w.lane}`),
      ),
      `Open Relay: ${this.config.publicUrl}\n`,
    ].join('\n');
  }
}
