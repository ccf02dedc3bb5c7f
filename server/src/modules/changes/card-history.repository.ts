import { Injectable } from '@nestjs/common';
import type { CardEvent, CardEventType, UserRef } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { insertFromJson, SqlAnswer, typedColumns, userRef, type ComposedStatement, type SqlCondition } from '../../common/sql.js';
import { T } from '../../database/schema/index.js';

const { cardEvents: E, users: U } = T;

export interface NewCardEvent {
  cardId: string;
  type: CardEventType;
  actorId: string | null;
  at: Date;
  data: Record<string, unknown>;
}

const CARD_EVENT_COLUMNS = typedColumns(E, ['cardId', 'type', 'actorId', 'at', 'data']);

/** A history line as `e`, with its actor as `u`. */
const EVENTS_FROM = `FROM ${E.table} e LEFT JOIN ${U.table} u ON u.${U.c.id} = e.${E.c.actorId}`;

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
    const rows = events.map((e) => ({
      [E.c.cardId]: e.cardId,
      [E.c.type]: e.type,
      [E.c.actorId]: e.actorId,
      [E.c.at]: e.at,
      [E.c.data]: e.data,
    }));
    s.with('history', insertFromJson(s, E.table, CARD_EVENT_COLUMNS, rows, when));
  }

  events(cardId: string): Promise<CardEvent[]> {
    return this.db.query(
      `SELECT e.${E.c.id}::text AS id, e.${E.c.type}, ${userRef('u')} AS actor, e.${E.c.at}, e.${E.c.data}
         ${EVENTS_FROM} WHERE e.${E.c.cardId} = $1 ORDER BY e.${E.c.id}`,
      [cardId],
    );
  }

  /**
   * The select-list expression answering the card's latest history line (what an undo checks, and who a 409
   * names), or null when it has none: read with the card, in the same query.
   */
  latest(s: ComposedStatement, cardId: string): SqlAnswer<LatestLine | null> {
    return new SqlAnswer(
      `(SELECT json_build_object('type', e.${E.c.type}, 'actorId', e.${E.c.actorId}, 'actor', ${userRef('u')}, 'at', e.${E.c.at}, 'data', e.${E.c.data})
          ${EVENTS_FROM} WHERE e.${E.c.cardId} = ${s.params.add(cardId)}::uuid ORDER BY e.${E.c.id} DESC LIMIT 1)`,
    );
  }

  /** Who wrote the card's latest history line, and when (what a 409 tells). */
  async lastChange(cardId: string, m: EntityManager = this.db.manager): Promise<{ actor: UserRef | null; at: string } | null> {
    const rows = await m.query(
      `SELECT ${userRef('u')} AS actor, e.${E.c.at} ${EVENTS_FROM} WHERE e.${E.c.cardId} = $1 ORDER BY e.${E.c.id} DESC LIMIT 1`,
      [cardId],
    );
    return rows[0] ? { actor: rows[0].actor, at: new Date(rows[0].at).toISOString() } : null;
  }
}
