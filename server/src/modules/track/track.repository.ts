import { Injectable } from '@nestjs/common';
import type { ShareInfo } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { updatedRows } from '../../common/sql.js';

/** A live share as a token resolves to it. */
export interface ResolvedShare {
  shareId: string;
  cardId: string;
  expiresAt: Date;
}

const RESOLVED = `id AS "shareId", card_id AS "cardId", expires_at AS "expiresAt"`;
const LIVE = 'revoked_at IS NULL AND expires_at > now()';

/** The only file that reads and writes card shares (the customer's tracker links). */
@Injectable()
export class TrackRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Creates the card's link, replacing any previous one (a new id, so the old link's sockets can be told
   * apart). Answers the new share's id and the one it replaced.
   */
  async replace(
    m: EntityManager,
    s: { cardId: string; tokenHash: string; by: string; at: Date; expiresAt: Date },
  ): Promise<{ id: string; previousId: string | null }> {
    const [row] = await m.query(
      `WITH old AS (SELECT id FROM card_shares WHERE card_id = $1)
       INSERT INTO card_shares (card_id, token_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (card_id) DO UPDATE SET id = gen_random_uuid(), token_hash = EXCLUDED.token_hash, created_by = EXCLUDED.created_by,
         created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at, revoked_at = NULL, last_viewed_at = NULL, views = 0
       RETURNING id, (SELECT id FROM old) AS "previousId"`,
      [s.cardId, s.tokenHash, s.by, s.at, s.expiresAt],
    );
    return row;
  }

  /** Revokes the card's live link; answers its id, or null when it had none. */
  async revoke(m: EntityManager, cardId: string): Promise<string | null> {
    const rows = await m.query(`UPDATE card_shares SET revoked_at = now() WHERE card_id = $1 AND revoked_at IS NULL RETURNING id`, [
      cardId,
    ]);
    return updatedRows<{ id: string }>(rows)[0]?.id ?? null;
  }

  async info(cardId: string): Promise<ShareInfo> {
    const rows = await this.db.query(
      `SELECT (${LIVE}) AS active, created_at AS "createdAt", expires_at AS "expiresAt", last_viewed_at AS "lastViewedAt", views
         FROM card_shares WHERE card_id = $1`,
      [cardId],
    );
    const r = rows[0];
    if (!r) return { active: false, createdAt: null, expiresAt: null, lastViewedAt: null, views: 0 };
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return {
      active: r.active,
      createdAt: iso(r.createdAt),
      expiresAt: iso(r.expiresAt),
      lastViewedAt: iso(r.lastViewedAt),
      views: r.views,
    };
  }

  /**
   * The live share of a token's hash; `view`: counts it as opened (the page loaded, not its live refetches).
   * Unknown, expired and revoked alike: null.
   */
  async resolve(tokenHash: string, view = false): Promise<ResolvedShare | null> {
    const rows = view
      ? await this.db.query(
          `UPDATE card_shares SET views = views + 1, last_viewed_at = now() WHERE token_hash = $1 AND ${LIVE} RETURNING ${RESOLVED}`,
          [tokenHash],
        )
      : await this.db.query(`SELECT ${RESOLVED} FROM card_shares WHERE token_hash = $1 AND ${LIVE}`, [tokenHash]);
    const row = updatedRows<ResolvedShare>(rows)[0];
    return row ? { ...row, expiresAt: new Date(row.expiresAt) } : null;
  }

  /** Which of these shares are still live (the socket sweep). */
  async liveAmong(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM card_shares WHERE id = ANY($1::uuid[]) AND ${LIVE}`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** When the card last left each lane going forward, by lane id (for the milestones' dates). */
  async leftAt(cardId: string): Promise<Map<string, string>> {
    const rows: { laneId: string; at: Date }[] = await this.db.query(
      `SELECT l.id AS "laneId", max(e.at) AS at FROM card_events e JOIN cards c ON c.id = e.card_id
         JOIN lanes l ON l.pipeline_id = c.pipeline_id AND l.key = e.data->>'from'
        WHERE e.card_id = $1 AND e.type = 'moved' GROUP BY l.id`,
      [cardId],
    );
    return new Map(rows.map((r) => [r.laneId, new Date(r.at).toISOString()]));
  }

  /** Queues the link's email; the outbox row forgets its body once sent (`sensitive`). */
  async queueMail(m: EntityManager, mail: { to: string; subject: string; body: string }): Promise<void> {
    await m.query('INSERT INTO email_outbox (to_address, subject, body, sensitive) VALUES ($1, $2, $3, true)', [
      mail.to,
      mail.subject,
      mail.body,
    ]);
  }
}
