import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { DatabaseStatus } from '../../common/database-status.js';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { EmailOutboxRepository } from './email-outbox.repository.js';

const MAX_ATTEMPTS = 6;
/** Emails claimed per round; rounds follow one another at once while they come back full. */
const BATCH = 100;
/** SMTP connections kept open to the mail server (nodemailer's pool), and messages sent on each before it is renewed. */
export const SMTP_CONNECTIONS = 5;
const MESSAGES_PER_CONNECTION = 100;

/**
 * Sends queued email through SMTP_URL. Writers only insert into the outbox, so a slow or
 * failing mail server never blocks a scan or a request; failures are retried with backoff.
 * Mail goes over a pool of SMTP_CONNECTIONS kept-open connections, a round's emails side by side.
 */
@Injectable()
export class MailerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Mailer');
  private transport: Transporter | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(RELAY_CONFIG) private readonly config: RelayConfig,
    private readonly outbox: EmailOutboxRepository,
    private readonly database: DatabaseStatus,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.smtpUrl) return;
    // Query parameters of SMTP_URL (e.g. ?pool=false or ?maxConnections=2) take precedence over these.
    this.transport = nodemailer.createTransport({
      url: this.config.smtpUrl,
      pool: true,
      maxConnections: SMTP_CONNECTIONS,
      maxMessages: MESSAGES_PER_CONNECTION,
    });
    this.timer = setInterval(() => this.kick(), 5_000).unref();
  }

  /** Starts delivering unless a delivery is running. */
  kick(): void {
    if (!this.transport || this.running) return;
    this.running = this.deliver()
      .catch((err) => {
        if (!this.database.check(err)) this.logger.warn(`email round failed: ${err}`);
        return 0;
      })
      .finally(() => (this.running = null));
  }

  /**
   * Delivers what is due, round after round while rounds come back full; returns how many were sent.
   * Rows are claimed so two instances never send one twice.
   */
  async deliver(): Promise<number> {
    let sent = 0;
    for (;;) {
      if (!this.transport) return sent;
      const mails = await this.outbox.claimDue(MAX_ATTEMPTS, BATCH);
      const results = await Promise.all(mails.map((mail) => this.send(mail)));
      sent += results.filter(Boolean).length;
      if (mails.length < BATCH) return sent;
    }
  }

  private async send(mail: { id: string; to_address: string; subject: string; body: string; attempts: number }): Promise<boolean> {
    try {
      await this.transport!.sendMail({ from: this.config.smtpFrom, to: mail.to_address, subject: mail.subject, text: mail.body });
    } catch (err) {
      await this.outbox.markFailed(mail.id, String(err));
      this.logger.warn(`email to ${mail.to_address} failed (attempt ${mail.attempts}): ${err}`);
      return false;
    }
    await this.outbox.markSent(mail.id);
    return true;
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
