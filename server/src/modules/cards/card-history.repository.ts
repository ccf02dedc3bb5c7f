import { Injectable } from '@nestjs/common';
import type { CardEvent, CardEventType, Comment } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { userRef } from '../../common/sql.js';

/** The append-only card history and comments. */
@Injectable()
export class CardHistoryRepository {
  constructor(private readonly db: DataSource) {}

  async append(
    m: EntityManager,
    e: { cardId: string; type: CardEventType; actorId: string | null; at: Date; data: Record<string, unknown> },
  ): Promise<void> {
    await m.query('INSERT INTO card_events (card_id, type, actor_id, at, data) VALUES ($1, $2, $3, $4, $5)', [
      e.cardId,
      e.type,
      e.actorId,
      e.at,
      JSON.stringify(e.data),
    ]);
  }

  events(cardId: string): Promise<CardEvent[]> {
    return this.db.query(
      `SELECT e.id::text AS id, e.type, ${userRef('u')} AS actor, e.at, e.data
         FROM card_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.card_id = $1 ORDER BY e.id`,
      [cardId],
    );
  }

  async addComment(m: EntityManager, c: { cardId: string; authorId: string; body: string; at: Date }): Promise<Comment> {
    const [row] = await m.query(
      `WITH c AS (INSERT INTO comments (card_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING *)
       SELECT c.id, c.card_id AS "cardId", json_build_object('id', u.id, 'name', u.name) AS author, c.body, c.created_at AS at
         FROM c JOIN users u ON u.id = c.author_id`,
      [c.cardId, c.authorId, c.body, c.at],
    );
    return { ...row, at: new Date(row.at).toISOString() };
  }

  comments(cardId: string): Promise<Comment[]> {
    return this.db.query(
      `SELECT c.id, c.card_id AS "cardId", json_build_object('id', u.id, 'name', u.name) AS author, c.body, c.created_at AS at
         FROM comments c JOIN users u ON u.id = c.author_id WHERE c.card_id = $1 ORDER BY c.created_at, c.id`,
      [cardId],
    );
  }
}
