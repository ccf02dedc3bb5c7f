import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { updatedRows } from '../../common/sql.js';
import { T } from '../../database/schema/index.js';

const O = T.emailOutbox;

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
      `UPDATE ${O.table} SET ${O.c.attempts} = ${O.c.attempts} + 1,
              ${O.c.nextAttemptAt} = now() + make_interval(secs => 30 * power(2, ${O.c.attempts}))
        WHERE ${O.c.id} IN (SELECT ${O.c.id} FROM ${O.table}
                             WHERE ${O.c.sentAt} IS NULL AND ${O.c.attempts} < $1 AND ${O.c.nextAttemptAt} <= now()
                             ORDER BY ${O.c.id} LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING ${O.c.id} AS id, ${O.c.toAddress} AS to_address, ${O.c.subject} AS subject, ${O.c.body} AS body, ${O.c.attempts} AS attempts`,
      [maxAttempts, limit],
    );
    return updatedRows<QueuedMail>(result);
  }

  /** A sensitive mail (a customer's tracker link) keeps no copy of its secret once delivered. */
  async markSent(id: string): Promise<void> {
    await this.db.query(
      `UPDATE ${O.table} SET ${O.c.sentAt} = now(), ${O.c.lastError} = NULL,
              ${O.c.body} = CASE WHEN ${O.c.sensitive} THEN '' ELSE ${O.c.body} END
        WHERE ${O.c.id} = $1`,
      [id],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db.manager.update(O.entity, { id }, { lastError: error.slice(0, 500) });
  }
}
