import { Injectable } from '@nestjs/common';
import type { CardEvent, CardEventType, Comment } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { insertFromJson, userRef } from '../../common/sql.js';

export interface NewCardEvent {
  cardId: string;
  type: CardEventType;
  actorId: string | null;
  at: Date;
  data: Record<string, unknown>;
}

const CARD_EVENT_COLUMNS = [
  ['card_id', 'uuid'],
  ['type', 'text'],
  ['actor_id', 'uuid'],
  ['at', 'timestamptz'],
  ['data', 'jsonb'],
] as const;

/** The append-only card history and comments. */
@Injectable()
export class CardHistoryRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * An INSERT of `events` (given as `param`, a jsonb array: see `rows`), to run inside a write's own last
   * statement (CardWriter writes history and board events in one round trip); `when`: see insertFromJson.
   */
  insertSql(param: string, when: string | null = null): string {
    return insertFromJson('card_events', CARD_EVENT_COLUMNS, param, when);
  }

  rows(events: NewCardEvent[]): string {
    return JSON.stringify(events.map((e) => ({ card_id: e.cardId, type: e.type, actor_id: e.actorId, at: e.at, data: e.data })));
  }

  events(cardId: string): Promise<CardEvent[]> {
    return this.db.query(
      `SELECT e.id::text AS id, e.type, ${userRef('u')} AS actor, e.at, e.data
         FROM card_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.card_id = $1 ORDER BY e.id`,
      [cardId],
    );
  }

  /** The card's latest history line (what an undo checks), or null when it has none. */
  async lastEvent(cardId: string): Promise<{ type: string; actorId: string | null; at: Date; data: Record<string, unknown> } | null> {
    const rows = await this.db.query(
      'SELECT type, actor_id AS "actorId", at, data FROM card_events WHERE card_id = $1 ORDER BY id DESC LIMIT 1',
      [cardId],
    );
    return rows[0] ?? null;
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
