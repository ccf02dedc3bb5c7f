import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { updatedRows } from '../../common/sql.js';

const MAX_ATTEMPTS = 6;
const BATCH = 50;

interface Mail {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Sends queued email through SMTP_URL. Writers only insert into the outbox, so a slow or
 * failing mail server never blocks a scan or a request; failures are retried with backoff.
 */
@Injectable()
export class MailerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Mailer');
  private transport: Transporter | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(RELAY_CONFIG) private readonly config: RelayConfig,
    private readonly db: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.smtpUrl) return;
    this.transport = nodemailer.createTransport(this.config.smtpUrl);
    this.timer = setInterval(() => this.kick(), 5_000).unref();
  }

  /** Starts a delivery round unless one is running. */
  kick(): void {
    if (!this.transport || this.running) return;
    this.running = this.deliver()
      .catch((err) => {
        this.logger.warn(`email round failed: ${err}`);
        return 0;
      })
      .finally(() => (this.running = null));
  }

  /** Delivers what is due; returns how many were sent. Rows are claimed so two instances never send one twice. */
  async deliver(): Promise<number> {
    if (!this.transport) return 0;
    const result = await this.db.query(
      `UPDATE email_outbox SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => 30 * power(2, attempts))
        WHERE id IN (SELECT id FROM email_outbox WHERE sent_at IS NULL AND attempts < $1 AND next_attempt_at <= now()
                     ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, to_address, subject, body, attempts`,
      [MAX_ATTEMPTS, BATCH],
    );
    let sent = 0;
    for (const mail of updatedRows<Mail>(result)) {
      try {
        await this.transport.sendMail({ from: this.config.smtpFrom, to: mail.to_address, subject: mail.subject, text: mail.body });
        // A sensitive mail (a customer's tracker link) keeps no copy of its secret once delivered.
        await this.db.query(
          `UPDATE email_outbox SET sent_at = now(), last_error = NULL, body = CASE WHEN sensitive THEN '' ELSE body END WHERE id = $1`,
          [mail.id],
        );
        sent++;
      } catch (err) {
        await this.db.query('UPDATE email_outbox SET last_error = $2 WHERE id = $1', [mail.id, String(err).slice(0, 500)]);
        this.logger.warn(`email to ${mail.to_address} failed (attempt ${mail.attempts}): ${err}`);
      }
    }
    return sent;
  }

  /** Waits for the current round (tests, shutdown). */
  async idle(): Promise<void> {
    await this.running;
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.transport?.close();
  }
}
