import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { formatDuration } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DatabaseStatus } from '../../common/database-status.js';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { MailerService } from './mailer.service.js';
import { NotificationsRepository } from './notifications.repository.js';

/** The scheduler lock of the digest, distinct from the stuck scan's. */
const DIGEST_LOCK = 727011;
/** Digests go out once the pipeline clock passes this hour (UTC). */
export const DIGEST_HOUR_UTC = 7;

interface DigestPerson {
  id: string;
  name: string;
  email: string;
  departments: string[];
}

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
      const [{ ok }] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [DIGEST_LOCK]);
      if (!ok) return 0;
      const people: DigestPerson[] = await m.query(
        `SELECT u.id, u.name, u.email, COALESCE(array_agg(d.department_key) FILTER (WHERE d.department_key IS NOT NULL), '{}') AS departments
           FROM users u LEFT JOIN user_departments d ON d.user_id = u.id
          WHERE u.active AND EXISTS (SELECT 1 FROM notification_preferences p WHERE p.user_id = u.id AND p.channel = 'digest')
            AND NOT EXISTS (SELECT 1 FROM digests g WHERE g.user_id = u.id AND g.day = $1)
          GROUP BY u.id`,
        [day],
      );
      const mails = [];
      for (const person of people) {
        const claimed = await m.query(
          'INSERT INTO digests (user_id, day, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING day',
          [person.id, day, now],
        );
        if (claimed.length === 0) continue;
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
    const news: { text: string }[] = await m.query('SELECT text FROM notifications WHERE user_id = $1 AND digest AND at > $2 ORDER BY at', [
      person.id,
      since,
    ]);
    const lanes = `SELECT l.id FROM lanes l WHERE l.department_key = ANY($1::text[]) AND NOT l.terminal`;
    const stuck: { title: string; lane: string; overdue: number }[] = await m.query(
      `SELECT c.customer_name AS title, l.name AS lane,
              (extract(epoch FROM $2::timestamptz - c.entered_lane_at) / 60 - l.time_limit_hours * 60)::int AS overdue
         FROM cards c JOIN lanes l ON l.id = c.lane_id
        WHERE (c.lane_id IN (${lanes}) OR c.assignee_id = $3) AND l.time_limit_hours IS NOT NULL
          AND c.entered_lane_at < $2::timestamptz - make_interval(secs => l.time_limit_hours::float * 3600)
        ORDER BY overdue DESC LIMIT 50`,
      [person.departments, now, person.id],
    );
    const waiting: { title: string; lane: string }[] = await m.query(
      `SELECT c.customer_name AS title, l.name AS lane FROM cards c JOIN lanes l ON l.id = c.lane_id
        WHERE c.lane_id IN (${lanes}) OR (c.assignee_id = $2 AND NOT l.terminal) ORDER BY c.entered_lane_at LIMIT 50`,
      [person.departments, person.id],
    );
    const section = (title: string, lines: string[]) =>
      `${title}\n${lines.length ? lines.map((l) => `  - ${l}`).join('\n') : '  (nothing)'}\n`;
    return [
      `Hello ${person.name}, here is your Relay day.\n`,
      section(
        'What arrived',
        news.map((n) => n.text),
      ),
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
