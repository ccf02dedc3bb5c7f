import { Injectable } from '@nestjs/common';
import type { CardEvent, CardEventType, UserRef } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { insertFromJson, userRef, type ComposedStatement, type SqlCondition } from '../../common/sql.js';

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

  /** The card's latest history line (what an undo checks), or null when it has none. */
  async lastEvent(cardId: string): Promise<{ type: string; actorId: string | null; at: Date; data: Record<string, unknown> } | null> {
    const rows = await this.db.query(
      'SELECT type, actor_id AS "actorId", at, data FROM card_events WHERE card_id = $1 ORDER BY id DESC LIMIT 1',
      [cardId],
    );
    return rows[0] ?? null;
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
