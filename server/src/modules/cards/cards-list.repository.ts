import { Injectable } from '@nestjs/common';
import { AT_RISK_FRACTION } from '@relay/shared';
import { DataSource } from 'typeorm';
import { isoTime, laneLimitStart } from '../../common/sql.js';
import { T } from '../../database/schema/index.js';
import type { SummaryRow } from './card-mapper.js';
import { SUMMARY_COLUMNS, summaryFrom } from './cards.repository.js';

export const LIST_SORTS = ['created', 'closed', 'customer', 'lane', 'health'] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export type ListHealth = 'ok' | 'at_risk' | 'stuck';

/** What the list (and its export) filters by: GET /api/cards. */
export interface ListFilter {
  pipelineId: string;
  now: Date;
  /** A `to_tsquery('simple', …)` text of prefix terms (cardsQuery), or null for every card. */
  tsquery: string | null;
  status: 'open' | 'closed' | 'all';
  lane: string | null;
  health: ListHealth | null;
  /** Closed on or after this date (YYYY-MM-DD, UTC). */
  closedFrom: string | null;
  /** Closed on or before this date (YYYY-MM-DD, UTC). */
  closedTo: string | null;
  sort: ListSort;
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
      `, c.contact_phone AS "contactPhone", c.service_address AS "serviceAddress",
       to_char(c.contract_start_date, 'YYYY-MM-DD') AS "contractStartDate", c.contract_value::text AS "contractValue", c.services,
       c.special_conditions AS "specialConditions", c.notes, l.name AS "laneName",
       (SELECT jsonb_object_agg(v.lane, v.secs) FROM (
          SELECT w.lane, sum(w.secs) AS secs FROM (
            SELECT e.data->>'from' AS lane,
                   extract(epoch FROM e.at - lag(e.at, 1, c.created_at) OVER (ORDER BY e.at, e.id)) AS secs
              FROM card_events e WHERE e.card_id = c.id AND e.type IN ('moved', 'sent_back', 'move_undone')
            UNION ALL
            SELECT l.key, extract(epoch FROM $NOW::timestamptz - c.entered_lane_at) WHERE c.done_at IS NULL) w
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
    const stuck = () => `(l.time_limit_hours > 0 AND c.entered_lane_at < ${laneLimitStart(at())})`;
    const atRisk = () =>
      `(l.time_limit_hours > 0 AND NOT ${stuck()} AND c.entered_lane_at < ${laneLimitStart(at(), 'l', String(AT_RISK_FRACTION))})`;
    const healthRank = () => `(CASE WHEN ${stuck()} THEN 2 WHEN ${atRisk()} THEN 1 ELSE 0 END)`;
    const keys: Record<ListSort, () => [expr: string, type: string]> = {
      created: () => ['c.created_at', 'timestamptz'],
      closed: () => [`COALESCE(c.done_at, '-infinity'::timestamptz)`, 'timestamptz'],
      customer: () => ['lower(c.customer_name)', 'text'],
      lane: () => ['l.position', 'int'],
      health: () => [healthRank(), 'int'],
    };
    const [key, type] = keys[f.sort]();
    const where = ['c.pipeline_id = $1'];
    if (f.status === 'open') where.push('c.done_at IS NULL');
    if (f.status === 'closed') where.push('c.done_at IS NOT NULL');
    if (f.lane) where.push(`l.key = ${p(f.lane)}`);
    if (f.tsquery) where.push(`c.${T.cards.c.searchWords} @@ to_tsquery('simple', relay_unaccent(${p(f.tsquery)}))`);
    if (f.closedFrom) where.push(`c.done_at >= ${p(f.closedFrom)}::date::timestamp AT TIME ZONE 'UTC'`);
    if (f.closedTo) where.push(`c.done_at < (${p(f.closedTo)}::date + 1)::timestamp AT TIME ZONE 'UTC'`);
    if (f.health === 'stuck') where.push(stuck());
    if (f.health === 'at_risk') where.push(atRisk());
    if (f.health === 'ok') where.push(`NOT ${stuck()} AND NOT ${atRisk()}`);
    if (f.after) where.push(`(${key}, c.id) ${f.descending ? '<' : '>'} (${p(f.after.key)}::${type}, ${p(f.after.id)}::uuid)`);
    const dir = f.descending ? 'DESC' : 'ASC';
    if (extra) extra = extra.replace('$NOW', () => at());
    return this.db.query(
      `SELECT ${SUMMARY_COLUMNS}, c.customer_name AS "customerName", c.contact_name AS "contactName",
              c.contact_email AS "contactEmail", ${isoTime('c.created_at')} AS "createdAt", ${isoTime('c.done_at')} AS "closedAt",
              (${key})::text AS "sortKey"${extra}
         ${summaryFrom()} JOIN lanes l ON l.id = c.lane_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${key} ${dir}, c.id ${dir} LIMIT ${p(f.limit)}`,
      params,
    );
  }
}
