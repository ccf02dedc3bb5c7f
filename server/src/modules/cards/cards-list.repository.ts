import { Injectable } from '@nestjs/common';
import { AT_RISK_FRACTION, type CardListSortField, type CardListStatus, type Health } from '@relay/shared';
import { DataSource } from 'typeorm';
import { isoTime, laneLimitStart } from '../../common/sql.js';
import { T } from '../../database/schema/index.js';
import type { SummaryRow } from './card-mapper.js';
import { SUMMARY_COLUMNS, summaryFrom } from './cards.repository.js';

const { cards: C, lanes: L, cardEvents: E } = T;

/** What the list (and its export) filters by: GET /api/cards. */
export interface ListFilter {
  pipelineId: string;
  now: Date;
  /** A `to_tsquery('simple', …)` text of prefix terms (cardsQuery), or null for every card. */
  tsquery: string | null;
  status: CardListStatus;
  lane: string | null;
  health: Health | null;
  /** Closed on or after this date (YYYY-MM-DD, UTC). */
  closedFrom: string | null;
  /** Closed on or before this date (YYYY-MM-DD, UTC). */
  closedTo: string | null;
  sort: CardListSortField;
  descending: boolean;
  /** The last row's sort key and id (keyset paging). */
  after: { key: string; id: string } | null;
  limit: number;
}

export interface ListRow extends SummaryRow {
  customerName: string;
  contactName: string;
  contactEmail: string;
  createdAt: string;
  closedAt: string | null;
  sortKey: string;
}

export interface ExportRow extends ListRow {
  contactPhone: string | null;
  serviceAddress: string;
  contractStartDate: string;
  contractValue: string | null;
  services: unknown;
  specialConditions: string | null;
  notes: string | null;
  laneName: string;
  /** Seconds spent in each lane, by lane key (absent: never there). */
  laneSeconds: Record<string, number> | null;
}

/** Search's words: each a prefix term, all required (`'acm':* & 'ana':*`); null when none is left. */
export function cardsQuery(q: string): string | null {
  const words = q
    .split(/[^\p{L}\p{N}@._]+/u)
    .map((w) => w.replace(/^[._]+|[._]+$/g, ''))
    .filter(Boolean)
    .slice(0, 16);
  return words.length ? words.map((w) => `'${w}':*`).join(' & ') : null;
}

/** Lists cards over the whole history (open and closed) with filters, sorting and keyset paging. */
@Injectable()
export class CardsListRepository {
  constructor(private readonly db: DataSource) {}

  list(f: ListFilter): Promise<ListRow[]> {
    return this.page(f, '');
  }

  /**
   * One batch of the export: list rows with every form field, the lane's name and, per lane key, the seconds the
   * card spent there (`laneSeconds`) from its history — each move closes a visit of its `from` lane (the first one
   * began at creation) — plus the open visit of a card not closed, all in this one statement.
   */
  exportBatch(f: ListFilter): Promise<ExportRow[]> {
    return this.page(
      f,
      `, c.${C.c.contactPhone} AS "contactPhone", c.${C.c.serviceAddress} AS "serviceAddress",
       to_char(c.${C.c.contractStartDate}, 'YYYY-MM-DD') AS "contractStartDate", c.${C.c.contractValue}::text AS "contractValue", c.${C.c.services},
       c.${C.c.specialConditions} AS "specialConditions", c.${C.c.notes}, l.${L.c.name} AS "laneName",
       (SELECT jsonb_object_agg(v.lane, v.secs) FROM (
          SELECT w.lane, sum(w.secs) AS secs FROM (
            SELECT e.${E.c.data}->>'from' AS lane,
                   extract(epoch FROM e.${E.c.at} - lag(e.${E.c.at}, 1, c.${C.c.createdAt}) OVER (ORDER BY e.${E.c.at}, e.${E.c.id})) AS secs
              FROM ${E.table} e WHERE e.${E.c.cardId} = c.${C.c.id} AND e.${E.c.type} IN ('moved', 'sent_back', 'move_undone')
            UNION ALL
            SELECT l.${L.c.key}, extract(epoch FROM $NOW::timestamptz - c.${C.c.enteredLaneAt}) WHERE c.${C.c.doneAt} IS NULL) w
          GROUP BY w.lane) v) AS "laneSeconds"`,
    );
  }

  private page(f: ListFilter, extra: string): Promise<ListRow[] & ExportRow[]> {
    const params: unknown[] = [f.pipelineId];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    let now: string | null = null; // numbered only when used: PostgreSQL refuses a parameter it cannot type
    const at = () => (now ??= p(f.now.toISOString()));
    const stuck = () => `(l.${L.c.timeLimitHours} > 0 AND c.${C.c.enteredLaneAt} < ${laneLimitStart(at())})`;
    const atRisk = () =>
      `(l.${L.c.timeLimitHours} > 0 AND NOT ${stuck()} AND c.${C.c.enteredLaneAt} < ${laneLimitStart(at(), 'l', String(AT_RISK_FRACTION))})`;
    const healthRank = () => `(CASE WHEN ${stuck()} THEN 2 WHEN ${atRisk()} THEN 1 ELSE 0 END)`;
    const keys: Record<CardListSortField, () => [expr: string, type: string]> = {
      created: () => [`c.${C.c.createdAt}`, 'timestamptz'],
      closed: () => [`COALESCE(c.${C.c.doneAt}, '-infinity'::timestamptz)`, 'timestamptz'],
      customer: () => [`lower(c.${C.c.customerName})`, 'text'],
      lane: () => [`l.${L.c.position}`, 'int'],
      health: () => [healthRank(), 'int'],
    };
    const [key, type] = keys[f.sort]();
    const where = [`c.${C.c.pipelineId} = $1`];
    if (f.status === 'open') where.push(`c.${C.c.doneAt} IS NULL`);
    if (f.status === 'closed') where.push(`c.${C.c.doneAt} IS NOT NULL`);
    if (f.lane) where.push(`l.${L.c.key} = ${p(f.lane)}`);
    if (f.tsquery) where.push(`c.${C.c.searchWords} @@ to_tsquery('simple', relay_unaccent(${p(f.tsquery)}))`);
    if (f.closedFrom) where.push(`c.${C.c.doneAt} >= ${p(f.closedFrom)}::date::timestamp AT TIME ZONE 'UTC'`);
    if (f.closedTo) where.push(`c.${C.c.doneAt} < (${p(f.closedTo)}::date + 1)::timestamp AT TIME ZONE 'UTC'`);
    if (f.health === 'stuck') where.push(stuck());
    if (f.health === 'at_risk') where.push(atRisk());
    if (f.health === 'ok') where.push(`NOT ${stuck()} AND NOT ${atRisk()}`);
    if (f.after) where.push(`(${key}, c.${C.c.id}) ${f.descending ? '<' : '>'} (${p(f.after.key)}::${type}, ${p(f.after.id)}::uuid)`);
    const dir = f.descending ? 'DESC' : 'ASC';
    if (extra) extra = extra.replace('$NOW', () => at());
    return this.db.query(
      `SELECT ${SUMMARY_COLUMNS}, c.${C.c.customerName} AS "customerName", c.${C.c.contactName} AS "contactName",
              c.${C.c.contactEmail} AS "contactEmail", ${isoTime(`c.${C.c.createdAt}`)} AS "createdAt", ${isoTime(`c.${C.c.doneAt}`)} AS "closedAt",
              (${key})::text AS "sortKey"${extra}
         ${summaryFrom()} JOIN ${L.table} l ON l.${L.c.id} = c.${C.c.laneId}
        WHERE ${where.join(' AND ')}
        ORDER BY ${key} ${dir}, c.${C.c.id} ${dir} LIMIT ${p(f.limit)}`,
      params,
    );
  }
}
