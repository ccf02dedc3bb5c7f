import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { updatedRows } from '../../common/sql.js';

export interface QueuedMail {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

/** The email outbox as the mailer sees it: claim what is due, record how each send went. */
@Injectable()
export class EmailOutboxRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Claims up to `limit` due emails. Each claim counts as an attempt and pushes the next one back
   * (30 s × 2^attempts) before anything is sent, and rows are taken FOR UPDATE SKIP LOCKED: two instances
   * never claim the same email, and one a crashed instance claimed is retried after its backoff.
   */
  async claimDue(maxAttempts: number, limit: number): Promise<QueuedMail[]> {
    const result = await this.db.query(
      `UPDATE email_outbox SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => 30 * power(2, attempts))
        WHERE id IN (SELECT id FROM email_outbox WHERE sent_at IS NULL AND attempts < $1 AND next_attempt_at <= now()
                     ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, to_address, subject, body, attempts`,
      [maxAttempts, limit],
    );
    return updatedRows<QueuedMail>(result);
  }

  /** A sensitive mail (a customer's tracker link) keeps no copy of its secret once delivered. */
  async markSent(id: string): Promise<void> {
    await this.db.query(
      `UPDATE email_outbox SET sent_at = now(), last_error = NULL, body = CASE WHEN sensitive THEN '' ELSE body END WHERE id = $1`,
      [id],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db.query('UPDATE email_outbox SET last_error = $2 WHERE id = $1', [id, error.slice(0, 500)]);
  }
}
