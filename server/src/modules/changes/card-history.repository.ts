import { Injectable } from '@nestjs/common';
import type { CardEvent, CardEventType, UserRef } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { insertFromJson, SqlAnswer, userRef, type ComposedStatement, type SqlCondition } from '../../common/sql.js';

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

/** A card's latest history line; `at` as PostgreSQL's JSON writes it. */
export interface LatestLine {
  type: CardEventType;
  actorId: string | null;
  actor: UserRef | null;
  at: string;
  data: Record<string, unknown>;
}

/** The append-only card history (card_events): the only file that writes it. */
@Injectable()
export class CardHistoryRepository {
  constructor(private readonly db: DataSource) {}

  /** Adds to `s` the INSERT of `events`, in order, written only if `when` holds. */
  insert(s: ComposedStatement, events: NewCardEvent[], when: SqlCondition | null): void {
    const rows = events.map((e) => ({ card_id: e.cardId, type: e.type, actor_id: e.actorId, at: e.at, data: e.data }));
    s.with('history', insertFromJson(s, 'card_events', CARD_EVENT_COLUMNS, rows, when));
  }

  events(cardId: string): Promise<CardEvent[]> {
    return this.db.query(
      `SELECT e.id::text AS id, e.type, ${userRef('u')} AS actor, e.at, e.data
         FROM card_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.card_id = $1 ORDER BY e.id`,
      [cardId],
    );
  }

  /**
   * The select-list expression answering the card's latest history line (what an undo checks, and who a 409
   * names), or null when it has none: read with the card, in the same query.
   */
  latest(s: ComposedStatement, cardId: string): SqlAnswer<LatestLine | null> {
    return new SqlAnswer(
      `(SELECT json_build_object('type', e.type, 'actorId', e.actor_id, 'actor', ${userRef('u')}, 'at', e.at, 'data', e.data)
          FROM card_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.card_id = ${s.params.add(cardId)}::uuid ORDER BY e.id DESC LIMIT 1)`,
    );
  }

  /** Who wrote the card's latest history line, and when (what a 409 tells). */
  async lastChange(cardId: string, m: EntityManager = this.db.manager): Promise<{ actor: UserRef | null; at: string } | null> {
    const rows = await m.query(
      `SELECT ${userRef('u')} AS actor, e.at FROM card_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.card_id = $1 ORDER BY e.id DESC LIMIT 1`,
      [cardId],
    );
    return rows[0] ? { actor: rows[0].actor, at: new Date(rows[0].at).toISOString() } : null;
  }
}
