import { Injectable } from '@nestjs/common';
import type { Attachment, CardSummary, Comment, Health, ItemValue, SalesForm } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { ComposedStatement, isoTime, laneLimitStart, SqlAnswer, SqlCondition, updatedRows, userRef } from '../../common/sql.js';
import type { CardRow, SummaryRow, ValueRow } from './card-mapper.js';

/**
 * What a card summary reads: plain columns only (people as id and name, times as ISO text), which is what
 * reads fastest for a whole board. `checklist_done` is kept by PostgreSQL (migration CardChecklistDone).
 */
export const SUMMARY_COLUMNS = `c.id, c.customer_name AS title, c.lane_id AS "laneId", c.position, c.version,
  a.id AS "assigneeId", a.name AS "assigneeName", ${isoTime('c.entered_lane_at')} AS "enteredLaneAt", c.risk_flag AS "riskFlag",
  c.risk_reason AS "riskReason", p.id AS "pickedUpById", p.name AS "pickedUpByName", ${isoTime('c.picked_up_at')} AS "pickedUpAt",
  c.next_action->>'due' AS "nextActionDue", c.next_action->>'text' AS "nextActionText", to_char(c.go_live_date, 'YYYY-MM-DD') AS "goLiveDate",
  c.checklist_done AS "checklistDone"`;

/** The FROM of a summary: cards (or a CTE of card rows) as `c`, with their people. */
export const summaryFrom = (source = 'cards') =>
  `FROM ${source} c LEFT JOIN users a ON a.id = c.assignee_id LEFT JOIN users p ON p.id = c.picked_up_by`;
const SUMMARY_FROM = summaryFrom();

const CARD_COLUMNS = `c.id, c.customer_name AS title, c.customer_name AS "customerName", c.contact_name AS "contactName",
  c.contact_email AS "contactEmail", c.contact_phone AS "contactPhone", c.service_address AS "serviceAddress",
  to_char(c.contract_start_date, 'YYYY-MM-DD') AS "contractStartDate", c.contract_value AS "contractValue", c.services,
  c.special_conditions AS "specialConditions", c.notes, c.lane_id AS "laneId", c.position, c.version,
  ${userRef('a')} AS assignee, ${userRef('cb')} AS "createdBy", c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  c.entered_lane_at AS "enteredLaneAt", c.lane_visit AS "laneVisit", to_char(c.go_live_date, 'YYYY-MM-DD') AS "goLiveDate",
  c.risk_flag AS "riskFlag", c.risk_reason AS "riskReason", c.next_action AS "nextAction", c.last_touch AS "lastTouch",
  ${userRef('p')} AS "pickedUpBy", c.picked_up_at AS "pickedUpAt"`;

/** A card as `full` reads it: its row, checklist values and attachments (and, when asked, its target lane's tail). */
export interface FullCard {
  row: CardRow;
  values: ValueRow[];
  attachments: Attachment[];
  laneTail: number | null;
}

/** The FROM of a whole card: the card as `c` with its people (assignee, creator, who picked it up). */
const CARD_FROM = `${SUMMARY_FROM} LEFT JOIN users cb ON cb.id = c.created_by`;

export interface CardState {
  id: string;
  title: string;
  enteredLaneAt: Date;
  laneId: string;
  version: number;
  laneVisit: number;
  assigneeId: string | null;
  pickedUpBy: string | null;
  values: Map<string, ItemValue>;
}

/** What a change sets on a card, by the API's names (the repository knows their columns). */
export interface CardSet extends Partial<Omit<SalesForm, 'services'>> {
  services?: unknown;
  riskFlag?: CardSummary['riskFlag'];
  riskReason?: string | null;
  nextAction?: unknown;
  lastTouch?: unknown;
  assigneeId?: string | null;
  /** Makes this person the assignee if the card has none. */
  assigneeIfNone?: string;
  laneId?: string;
  enteredLaneAt?: Date;
  laneVisit?: number;
  position?: number;
  pickedUpBy?: string | null;
  pickedUpAt?: Date | null;
  healthState?: Health;
  nudgeLevel?: number;
  doneAt?: Date | null;
  goLiveDate?: string | null;
}

/** Each settable field's column and SQL type, in the order assignments are written (one statement text per set of fields). */
const SET_COLUMNS: { [K in keyof Required<CardSet>]: readonly [column: string, type: string] } = {
  customerName: ['customer_name', 'text'],
  contactName: ['contact_name', 'text'],
  contactEmail: ['contact_email', 'text'],
  contactPhone: ['contact_phone', 'text'],
  serviceAddress: ['service_address', 'text'],
  contractStartDate: ['contract_start_date', 'date'],
  contractValue: ['contract_value', 'numeric'],
  services: ['services', 'jsonb'],
  specialConditions: ['special_conditions', 'text'],
  notes: ['notes', 'text'],
  riskFlag: ['risk_flag', 'text'],
  riskReason: ['risk_reason', 'text'],
  nextAction: ['next_action', 'jsonb'],
  lastTouch: ['last_touch', 'jsonb'],
  assigneeId: ['assignee_id', 'uuid'],
  assigneeIfNone: ['assignee_id', 'uuid'],
  laneId: ['lane_id', 'uuid'],
  enteredLaneAt: ['entered_lane_at', 'timestamptz'],
  laneVisit: ['lane_visit', 'int'],
  position: ['position', 'float8'],
  pickedUpBy: ['picked_up_by', 'uuid'],
  pickedUpAt: ['picked_up_at', 'timestamptz'],
  healthState: ['health_state', 'text'],
  nudgeLevel: ['nudge_level', 'smallint'],
  doneAt: ['done_at', 'timestamptz'],
  goLiveDate: ['go_live_date', 'date'],
};
const SET_ORDER = Object.keys(SET_COLUMNS) as (keyof CardSet)[];

/** `version = version + 1, updated_at = …` and an assignment per field given in `set`, numbered in `s`. */
function assignments(s: ComposedStatement, set: CardSet, now: Date): string {
  const parts = [`version = version + 1`, `updated_at = ${s.params.add(now)}::timestamptz`];
  for (const key of SET_ORDER) {
    const value = set[key];
    if (value === undefined) continue;
    const [column, type] = SET_COLUMNS[key];
    const param = `${s.params.add(type === 'jsonb' && value !== null ? JSON.stringify(value) : value)}::${type}`;
    parts.push(key === 'assigneeIfNone' ? `${column} = COALESCE(${column}, ${param})` : `${column} = ${param}`);
  }
  return parts.join(', ');
}

/** A change to one card guarded by the version it was decided on (ChangeWriter.writeIfVersion). */
export interface CardChange {
  card: string;
  version: number;
  at: Date;
  set: CardSet;
}

/** The only file that reads and writes cards and their checklist values. */
@Injectable()
export class CardsRepository {
  constructor(private readonly db: DataSource) {}

  /** Every card of the board, in no particular order (sorting 5,000 wide rows in SQL costs more than in Node). */
  summaries(pipelineId: string, m: EntityManager = this.db.manager): Promise<SummaryRow[]> {
    return m.query(`SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE c.pipeline_id = $1`, [pipelineId]);
  }

  /**
   * The board's cards: every open one (cards_open_idx) and those closed since `closedSince` (cards_done_idx),
   * each with `closedAt`; older closed cards are not read at all.
   */
  boardSummaries(
    pipelineId: string,
    closedSince: Date,
    m: EntityManager = this.db.manager,
  ): Promise<(SummaryRow & { closedAt: string | null })[]> {
    return m.query(
      `SELECT ${SUMMARY_COLUMNS}, NULL AS "closedAt" ${SUMMARY_FROM} WHERE c.pipeline_id = $1 AND c.done_at IS NULL
       UNION ALL
       SELECT ${SUMMARY_COLUMNS}, ${isoTime('c.done_at')} ${SUMMARY_FROM} WHERE c.pipeline_id = $1 AND c.done_at >= $2::timestamptz`,
      [pipelineId, closedSince],
    );
  }

  /**
   * Cards past their lane's limit: one index range scan per lane on (lane_id, entered_lane_at).
   * OFFSET 0 keeps PostgreSQL from flattening the LATERAL into a hash join over every card.
   */
  stuckSummaries(pipelineId: string, now: Date): Promise<SummaryRow[]> {
    return this.db.query(
      `SELECT ${SUMMARY_COLUMNS} ${summaryFrom(`lanes l CROSS JOIN LATERAL (
         SELECT * FROM cards c WHERE c.lane_id = l.id AND c.entered_lane_at < ${laneLimitStart('$2')}
         OFFSET 0)`)}
       WHERE l.pipeline_id = $1 AND l.time_limit_hours IS NOT NULL AND NOT l.terminal`,
      [pipelineId, now],
    );
  }

  async summariesByIds(m: EntityManager, ids: string[]): Promise<SummaryRow[]> {
    if (ids.length === 0) return [];
    return m.query(`SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE c.id = ANY($1::uuid[])`, [ids]);
  }

  async summary(m: EntityManager, id: string): Promise<SummaryRow> {
    const rows = await m.query(`SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE c.id = $1`, [id]);
    return rows[0];
  }

  async find(id: string, m: EntityManager = this.db.manager): Promise<CardRow | null> {
    const rows = await m.query(`SELECT ${CARD_COLUMNS} ${CARD_FROM} WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * A card with its checklist values and attachments, in one query (what a card response needs). `after`: a
   * statement's parts to run first, in the same round trip (a write's last one), and the answer to read of
   * them (the card read sees the statement's snapshot: not what those parts write). `tailOf`: also reads the
   * highest position in that lane (where a card moved there goes). No such card: no card, and no answer.
   */
  async full<T = null>(
    id: string,
    m: EntityManager = this.db.manager,
    after: { s: ComposedStatement; answer: SqlAnswer<T> } | null = null,
    tailOf: string | null = null,
  ): Promise<{ card: FullCard | null; after: T | null }> {
    const s = after?.s ?? new ComposedStatement();
    const idParam = s.params.add(id);
    const tail = tailOf ? `(SELECT max(o.position) FROM cards o WHERE o.lane_id = ${s.params.add(tailOf)}::uuid)` : 'NULL';
    const rows: (CardRow & { valueRows: ValueRow[]; attachmentRows: Attachment[]; after: T; laneTail: number | null })[] = await m.query(
      s.text(`SELECT ${CARD_COLUMNS},
              COALESCE((SELECT json_agg(json_build_object('itemId', v.item_id, 'value', v.value, 'note', v.note,
                          'completedBy', CASE WHEN v.completed_by_customer IS NOT NULL THEN json_build_object('customer', v.completed_by_customer)
                            ELSE ${userRef('u')} END, 'completedAt', v.completed_at))
                 FROM checklist_values v LEFT JOIN users u ON u.id = v.completed_by WHERE v.card_id = c.id), '[]') AS "valueRows",
              COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'size', t.size, 'mime', t.mime, 'itemId', t.item_id,
                          'uploadedBy', ${userRef('u')}, 'at', t.created_at) ORDER BY t.created_at)
                 FROM attachments t LEFT JOIN users u ON u.id = t.uploaded_by WHERE t.card_id = c.id), '[]') AS "attachmentRows",
              ${tail} AS "laneTail", ${after?.answer.sql ?? 'NULL'} AS after
         ${CARD_FROM} WHERE c.id = ${idParam}`),
      s.params.values,
    );
    if (!rows[0]) return { card: null, after: null };
    const { valueRows, attachmentRows, after: answered, laneTail, ...row } = rows[0];
    return {
      card: {
        row,
        values: valueRows.map((v) => ({ ...v, completedAt: new Date(v.completedAt) })),
        attachments: attachmentRows.map((t) => ({ ...t, at: new Date(t.at).toISOString() })),
        laneTail: laneTail === null ? null : Number(laneTail),
      },
      after: answered,
    };
  }

  attachments(cardId: string, m: EntityManager = this.db.manager): Promise<Attachment[]> {
    return m.query(
      `SELECT t.id, t.name, t.size, t.mime, t.item_id AS "itemId", ${userRef('u')} AS "uploadedBy", t.created_at AS at
         FROM attachments t LEFT JOIN users u ON u.id = t.uploaded_by WHERE t.card_id = $1 ORDER BY t.created_at`,
      [cardId],
    );
  }

  /** The card's lane, version and values in one read (the state a write decides on). */
  async state(m: EntityManager, id: string): Promise<CardState | null> {
    const rows = await m.query(
      `SELECT c.id, c.lane_id AS "laneId", c.version, c.lane_visit AS "laneVisit", c.entered_lane_at AS "enteredLaneAt", c.customer_name AS title, c.assignee_id AS "assigneeId", c.picked_up_by AS "pickedUpBy",
              COALESCE((SELECT json_object_agg(v.item_id, v.value) FROM checklist_values v WHERE v.card_id = c.id), '{}') AS values
         FROM cards c WHERE c.id = $1`,
      [id],
    );
    if (!rows[0]) return null;
    return { ...rows[0], values: new Map(Object.entries(rows[0].values as Record<string, ItemValue>)) };
  }

  /**
   * Bumps the version and applies `set`, atomically guarded by the expected version when given (inside a
   * change's transaction). Returns the new version, or null when the card is missing or its version moved on.
   */
  async bump(
    m: EntityManager,
    id: string,
    expectedVersion: number | null,
    now: Date,
    set: CardSet = {},
  ): Promise<{ version: number; laneId: string } | null> {
    const s = new ComposedStatement();
    const sets = assignments(s, set, now);
    const guard = expectedVersion === null ? '' : ` AND version = ${s.params.add(expectedVersion)}`;
    const rows = await m.query(
      `UPDATE cards SET ${sets} WHERE id = ${s.params.add(id)}${guard} RETURNING version, lane_id AS "laneId"`,
      s.params.values,
    );
    return updatedRows<{ version: number; laneId: string }>(rows)[0] ?? null;
  }

  /**
   * Adds to `s` the UPDATE of `change`, guarded by its version: `applied` holds when it applied (the condition
   * the rest of the statement is written under), `count` answers how many rows it changed (0 or 1).
   */
  updateIfVersion(s: ComposedStatement, change: CardChange): { applied: SqlCondition; count: SqlAnswer<number> } {
    s.with(
      'guarded',
      `UPDATE cards SET ${assignments(s, change.set, change.at)}
        WHERE id = ${s.params.add(change.card)}::uuid AND version = ${s.params.add(change.version)}::int RETURNING id`,
    );
    return { applied: new SqlCondition('EXISTS (SELECT FROM guarded)'), count: new SqlAnswer('(SELECT count(*) FROM guarded)::int') };
  }

  /** The highest position in a lane, or null when it is empty (where a new card goes: after it). */
  async laneTail(m: EntityManager, laneId: string): Promise<number | null> {
    const [r] = await m.query('SELECT max(position) AS tail FROM cards WHERE lane_id = $1', [laneId]);
    return r.tail === null ? null : Number(r.tail);
  }

  /**
   * Stores what the stuck scan saw, without bumping versions: health is time passing, not an edit. A card
   * that left the lane visit it was seen in is left alone.
   */
  async recordHealth(m: EntityManager, rows: { cardId: string; visit: number; health: Health; level: number }[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `UPDATE cards c SET health_state = u.health, nudge_level = GREATEST(c.nudge_level, u.level)
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::smallint[]) AS u(id, visit, health, level)
        WHERE c.id = u.id AND c.lane_visit = u.visit`,
      [rows.map((r) => r.cardId), rows.map((r) => r.visit), rows.map((r) => r.health), rows.map((r) => r.level)],
    );
  }

  async valueOf(m: EntityManager, cardId: string, itemId: string): Promise<ItemValue | null> {
    const rows = await m.query('SELECT value FROM checklist_values WHERE card_id = $1 AND item_id = $2', [cardId, itemId]);
    return rows[0]?.value ?? null;
  }

  /** Locks the card's row until commit, first waiting for any writer holding it; false when there is no such card. */
  async lock(m: EntityManager, id: string): Promise<boolean> {
    return (await m.query('SELECT 1 FROM cards WHERE id = $1 FOR UPDATE', [id])).length > 0;
  }

  async exists(m: EntityManager, id: string): Promise<boolean> {
    return (await m.query('SELECT 1 FROM cards WHERE id = $1', [id])).length > 0;
  }

  /**
   * Open cards (not closed in the terminal lane) of the pipeline whose customer name is `name` once case,
   * accents and spacing are ignored (NFD, combining marks dropped, runs of spaces as one, trimmed, lower case).
   */
  openWithCustomer(m: EntityManager, pipelineId: string, name: string): Promise<SummaryRow[]> {
    const key = (x: string) =>
      `lower(btrim(regexp_replace(regexp_replace(normalize(${x}, NFD), '[\\u0300-\\u036f]', '', 'g'), '\\s+', ' ', 'g')))`;
    return m.query(
      `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE c.pipeline_id = $1 AND c.done_at IS NULL AND ${key('c.customer_name')} = ${key('$2::text')}
        ORDER BY c.created_at LIMIT 10`,
      [pipelineId, name],
    );
  }

  async insert(
    m: EntityManager,
    c: SalesForm & { id: string; pipelineId: string; laneId: string; position: number; createdBy: string; now: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO cards (id, pipeline_id, lane_id, position, customer_name, contact_name, contact_email, contact_phone, service_address,
         contract_start_date, contract_value, services, special_conditions, notes, created_by, created_at, updated_at, entered_lane_at)
       VALUES ($15, $1, $2, $16, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $14)`,
      [
        c.pipelineId,
        c.laneId,
        c.customerName,
        c.contactName,
        c.contactEmail,
        c.contactPhone ?? null,
        c.serviceAddress,
        c.contractStartDate,
        c.contractValue ?? null,
        JSON.stringify(c.services),
        c.specialConditions ?? null,
        c.notes ?? null,
        c.createdBy,
        c.now,
        c.id,
        c.position,
      ],
    );
  }

  async upsertValue(
    m: EntityManager,
    v: {
      cardId: string;
      itemId: string;
      value: ItemValue;
      satisfied: boolean;
      note: string | null;
      by: string | null;
      /** The contact's name when the customer completed it through the tracker link. */
      byCustomer?: string | null;
      at: Date;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO checklist_values (card_id, item_id, value, satisfied, note, completed_by, completed_at, completed_by_customer)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (card_id, item_id) DO UPDATE SET value = EXCLUDED.value, satisfied = EXCLUDED.satisfied, note = EXCLUDED.note,
         completed_by = EXCLUDED.completed_by, completed_at = EXCLUDED.completed_at, completed_by_customer = EXCLUDED.completed_by_customer`,
      [v.cardId, v.itemId, JSON.stringify(v.value), v.satisfied, v.note, v.by, v.at, v.byCustomer ?? null],
    );
  }

  async deleteValue(m: EntityManager, cardId: string, itemId: string): Promise<void> {
    await m.query('DELETE FROM checklist_values WHERE card_id = $1 AND item_id = $2', [cardId, itemId]);
  }

  async hasAttachment(m: EntityManager, cardId: string, attachmentId: string): Promise<boolean> {
    return (await m.query('SELECT 1 FROM attachments WHERE id = $1 AND card_id = $2', [attachmentId, cardId])).length > 0;
  }

  async insertAttachment(
    m: EntityManager,
    a: {
      id: string;
      cardId: string;
      itemId: string | null;
      name: string;
      size: number;
      mime: string;
      storageKey: string;
      by: string | null;
      at: Date;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO attachments (id, card_id, item_id, name, size, mime, storage_key, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [a.id, a.cardId, a.itemId, a.name, a.size, a.mime, a.storageKey, a.by, a.at],
    );
  }

  async attachmentFile(cardId: string, attachmentId: string): Promise<{ name: string; mime: string; storageKey: string } | null> {
    const rows = await this.db.query('SELECT name, mime, storage_key AS "storageKey" FROM attachments WHERE id = $1 AND card_id = $2', [
      attachmentId,
      cardId,
    ]);
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
