import { Injectable } from '@nestjs/common';
import type { ShareInfo } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { updatedRows } from '../../common/sql.js';
import { T } from '../../database/schema/index.js';

const { cardShares: S, cardEvents: E, cards: C, lanes: L, emailOutbox: O } = T;

/** A live share as a token resolves to it. */
export interface ResolvedShare {
  shareId: string;
  cardId: string;
  expiresAt: Date;
}

const RESOLVED = `${S.c.id} AS "shareId", ${S.c.cardId} AS "cardId", ${S.c.expiresAt} AS "expiresAt"`;
const LIVE = `${S.c.revokedAt} IS NULL AND ${S.c.expiresAt} > now()`;

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
      `WITH old AS (SELECT ${S.c.id} FROM ${S.table} WHERE ${S.c.cardId} = $1)
       INSERT INTO ${S.table} (${S.c.cardId}, ${S.c.tokenHash}, ${S.c.createdBy}, ${S.c.createdAt}, ${S.c.expiresAt})
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (${S.c.cardId}) DO UPDATE SET ${S.c.id} = gen_random_uuid(), ${S.c.tokenHash} = EXCLUDED.${S.c.tokenHash},
         ${S.c.createdBy} = EXCLUDED.${S.c.createdBy}, ${S.c.createdAt} = EXCLUDED.${S.c.createdAt},
         ${S.c.expiresAt} = EXCLUDED.${S.c.expiresAt}, ${S.c.revokedAt} = NULL, ${S.c.lastViewedAt} = NULL, ${S.c.views} = 0
       RETURNING ${S.c.id} AS id, (SELECT ${S.c.id} FROM old) AS "previousId"`,
      [s.cardId, s.tokenHash, s.by, s.at, s.expiresAt],
    );
    return row;
  }

  /** Revokes the card's live link; answers its id, or null when it had none. */
  async revoke(m: EntityManager, cardId: string): Promise<string | null> {
    const rows = await m.query(
      `UPDATE ${S.table} SET ${S.c.revokedAt} = now() WHERE ${S.c.cardId} = $1 AND ${S.c.revokedAt} IS NULL RETURNING ${S.c.id} AS id`,
      [cardId],
    );
    return updatedRows<{ id: string }>(rows)[0]?.id ?? null;
  }

  async info(cardId: string): Promise<ShareInfo> {
    const rows = await this.db.query(
      `SELECT (${LIVE}) AS active, ${S.c.createdAt} AS "createdAt", ${S.c.expiresAt} AS "expiresAt",
              ${S.c.lastViewedAt} AS "lastViewedAt", ${S.c.views} AS views
         FROM ${S.table} WHERE ${S.c.cardId} = $1`,
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
          `UPDATE ${S.table} SET ${S.c.views} = ${S.c.views} + 1, ${S.c.lastViewedAt} = now()
            WHERE ${S.c.tokenHash} = $1 AND ${LIVE} RETURNING ${RESOLVED}`,
          [tokenHash],
        )
      : await this.db.query(`SELECT ${RESOLVED} FROM ${S.table} WHERE ${S.c.tokenHash} = $1 AND ${LIVE}`, [tokenHash]);
    const row = updatedRows<ResolvedShare>(rows)[0];
    return row ? { ...row, expiresAt: new Date(row.expiresAt) } : null;
  }

  /** Which of these shares are still live (the socket sweep). */
  async liveAmong(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.db.query(
      `SELECT ${S.c.id} AS id FROM ${S.table} WHERE ${S.c.id} = ANY($1::uuid[]) AND ${LIVE}`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** When the card last left each lane going forward, by lane id (for the milestones' dates). */
  async leftAt(cardId: string): Promise<Map<string, string>> {
    const rows: { laneId: string; at: Date }[] = await this.db.query(
      `SELECT l.${L.c.id} AS "laneId", max(e.${E.c.at}) AS at FROM ${E.table} e JOIN ${C.table} c ON c.${C.c.id} = e.${E.c.cardId}
         JOIN ${L.table} l ON l.${L.c.pipelineId} = c.${C.c.pipelineId} AND l.${L.c.key} = e.${E.c.data}->>'from'
        WHERE e.${E.c.cardId} = $1 AND e.${E.c.type} = 'moved' GROUP BY l.${L.c.id}`,
      [cardId],
    );
    return new Map(rows.map((r) => [r.laneId, new Date(r.at).toISOString()]));
  }

  /** Queues the link's email; the outbox row forgets its body once sent (`sensitive`). */
  async queueMail(m: EntityManager, mail: { to: string; subject: string; body: string }): Promise<void> {
    await m.insert(O.entity, { toAddress: mail.to, subject: mail.subject, body: mail.body, sensitive: true });
  }
}
