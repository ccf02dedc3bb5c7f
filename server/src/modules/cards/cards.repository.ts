import { Injectable } from '@nestjs/common';
import type { Attachment, ItemValue } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { isoTime, updatedRows, userRef, type SqlParams } from '../../common/sql.js';
import type { CardRow, SummaryRow, ValueRow } from './card-mapper.js';

/**
 * What a card summary reads: plain columns only (people as id and name, times as ISO text), which is what
 * reads fastest for a whole board. `checklist_done` is kept by PostgreSQL (migration CardChecklistDone).
 */
const SUMMARY_COLUMNS = `c.id, c.customer_name AS title, c.lane_id AS "laneId", c.position, c.version,
  a.id AS "assigneeId", a.name AS "assigneeName", ${isoTime('c.entered_lane_at')} AS "enteredLaneAt", c.risk_flag AS "riskFlag",
  c.risk_reason AS "riskReason", p.id AS "pickedUpById", p.name AS "pickedUpByName", ${isoTime('c.picked_up_at')} AS "pickedUpAt",
  c.next_action->>'due' AS "nextActionDue", c.next_action->>'text' AS "nextActionText", to_char(c.go_live_date, 'YYYY-MM-DD') AS "goLiveDate",
  c.checklist_done AS "checklistDone"`;

/** The FROM of a summary: cards (or a CTE of card rows) as `c`, with their people. */
const summaryFrom = (source = 'cards') =>
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

/** The only file that reads and writes cards and their checklist values. */
@Injectable()
export class CardsRepository {
  constructor(private readonly db: DataSource) {}

  /** Every card of the board, in no particular order (sorting 5,000 wide rows in SQL costs more than in Node). */
  summaries(pipelineId: string, m: EntityManager = this.db.manager): Promise<SummaryRow[]> {
    return m.query(`SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE c.pipeline_id = $1`, [pipelineId]);
  }

  /**
   * Cards past their lane's limit: one index range scan per lane on (lane_id, entered_lane_at).
   * OFFSET 0 keeps PostgreSQL from flattening the LATERAL into a hash join over every card.
   */
  stuckSummaries(pipelineId: string, now: Date): Promise<SummaryRow[]> {
    return this.db.query(
      `SELECT ${SUMMARY_COLUMNS} FROM lanes l CROSS JOIN LATERAL (
         SELECT * FROM cards c WHERE c.lane_id = l.id AND c.entered_lane_at < $2::timestamptz - make_interval(secs => l.time_limit_hours::float * 3600)
         OFFSET 0) c
       LEFT JOIN users a ON a.id = c.assignee_id LEFT JOIN users p ON p.id = c.picked_up_by
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
    const rows = await m.query(
      `SELECT ${CARD_COLUMNS} FROM cards c LEFT JOIN users a ON a.id = c.assignee_id LEFT JOIN users cb ON cb.id = c.created_by LEFT JOIN users p ON p.id = c.picked_up_by WHERE c.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * A card with its checklist values and attachments, in one query (what a card response needs). `after`:
   * data-modifying CTEs (with their parameters, `$1`…) to run in the same statement first, and a select-list
   * expression over them answered as `after` — a write's last round trip (the card read sees the statement's
   * snapshot: not what those CTEs insert). With no such card there is no row, and no `after`.
   */
  async full(
    id: string,
    m: EntityManager = this.db.manager,
    after: { ctes: string; params: unknown[]; column: string } | null = null,
  ): Promise<{ card: { row: CardRow; values: ValueRow[]; attachments: Attachment[] } | null; after: unknown }> {
    const idParam = `$${(after?.params.length ?? 0) + 1}`;
    const rows: (CardRow & { valueRows: ValueRow[]; attachmentRows: Attachment[]; after: unknown })[] = await m.query(
      `${after ? `WITH ${after.ctes} ` : ''}SELECT ${CARD_COLUMNS},
              COALESCE((SELECT json_agg(json_build_object('itemId', v.item_id, 'value', v.value, 'note', v.note,
                          'completedBy', CASE WHEN v.completed_by_customer IS NOT NULL THEN json_build_object('customer', v.completed_by_customer)
                            ELSE ${userRef('u')} END, 'completedAt', v.completed_at))
                 FROM checklist_values v LEFT JOIN users u ON u.id = v.completed_by WHERE v.card_id = c.id), '[]') AS "valueRows",
              COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'size', t.size, 'mime', t.mime, 'itemId', t.item_id,
                          'uploadedBy', ${userRef('u')}, 'at', t.created_at) ORDER BY t.created_at)
                 FROM attachments t LEFT JOIN users u ON u.id = t.uploaded_by WHERE t.card_id = c.id), '[]') AS "attachmentRows",
              ${after?.column ?? 'NULL'} AS after
         FROM cards c LEFT JOIN users a ON a.id = c.assignee_id LEFT JOIN users cb ON cb.id = c.created_by
         LEFT JOIN users p ON p.id = c.picked_up_by WHERE c.id = ${idParam}`,
      [...(after?.params ?? []), id],
    );
    if (!rows[0]) return { card: null, after: null };
    const { valueRows, attachmentRows, after: answered, ...row } = rows[0];
    return {
      card: {
        row,
        values: valueRows.map((v) => ({ ...v, completedAt: new Date(v.completedAt) })),
        attachments: attachmentRows.map((t) => ({ ...t, at: new Date(t.at).toISOString() })),
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
   * Bumps the version and applies `set`, atomically guarded by the expected version when given.
   * Returns the new version, or null when the card is missing or its version moved on.
   */
  async bump(
    m: EntityManager,
    id: string,
    expectedVersion: number | null,
    now: Date,
    set = '',
    params: unknown[] = [],
  ): Promise<{ version: number; laneId: string } | null> {
    const base = params.length;
    const guard = expectedVersion === null ? '' : ` AND version = $${base + 3}`;
    const rows = await m.query(
      `UPDATE cards SET version = version + 1, updated_at = $${base + 2}${set ? `, ${set}` : ''} WHERE id = $${base + 1}${guard} RETURNING version, lane_id AS "laneId"`,
      [...params, id, now, ...(expectedVersion === null ? [] : [expectedVersion])],
    );
    return updatedRows<{ version: number; laneId: string }>(rows)[0] ?? null;
  }

  async lastChange(
    cardId: string,
    m: EntityManager = this.db.manager,
  ): Promise<{ actor: { id: string; name: string } | null; at: string } | null> {
    const rows = await m.query(
      `SELECT ${userRef('u')} AS actor, e.at FROM card_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.card_id = $1 ORDER BY e.id DESC LIMIT 1`,
      [cardId],
    );
    return rows[0] ? { actor: rows[0].actor, at: new Date(rows[0].at).toISOString() } : null;
  }

  async valueOf(m: EntityManager, cardId: string, itemId: string): Promise<ItemValue | null> {
    const rows = await m.query('SELECT value FROM checklist_values WHERE card_id = $1 AND item_id = $2', [cardId, itemId]);
    return rows[0]?.value ?? null;
  }

  /**
   * A card's move to the end of `to`, starting a new lane visit, as decided on `row` (the card read at its
   * version): the UPDATE, guarded by that version, that answers the card's id when it applied, and the row
   * as that update leaves it — side by side, so what is written and what is answered cannot drift apart.
   * A lane's arrivals are ordered by the time they arrived (the position is that time in milliseconds, above
   * any position given by hand). Checklist progress is PostgreSQL's (`checklist_done`, kept by triggers).
   */
  move(p: SqlParams, row: CardRow, to: { id: string; terminal: boolean }, now: Date): { update: string; after: CardRow } {
    const at = p.add(now);
    const terminal = p.add(to.terminal);
    const update = `UPDATE cards SET version = version + 1, updated_at = ${at}::timestamptz, lane_id = ${p.add(to.id)}::uuid,
        entered_lane_at = ${at}::timestamptz, lane_visit = lane_visit + 1, position = ${p.add(now.getTime())}::float8,
        picked_up_by = NULL, picked_up_at = NULL, health_state = 'ok', nudge_level = 0,
        done_at = CASE WHEN ${terminal}::boolean THEN ${at}::timestamptz ELSE NULL END,
        go_live_date = CASE WHEN ${terminal}::boolean THEN (${at}::timestamptz AT TIME ZONE 'UTC')::date ELSE go_live_date END
      WHERE id = ${p.add(row.id)}::uuid AND version = ${p.add(row.version)}::int RETURNING id`;
    const after: CardRow = {
      ...row,
      version: row.version + 1,
      updatedAt: now.toISOString(),
      laneId: to.id,
      enteredLaneAt: now.toISOString(),
      laneVisit: row.laneVisit + 1,
      position: now.getTime(),
      pickedUpBy: null,
      pickedUpAt: null,
      goLiveDate: to.terminal ? now.toISOString().slice(0, 10) : row.goLiveDate,
    };
    return { update, after };
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

  async insert(m: EntityManager, c: Record<string, unknown>): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO cards (pipeline_id, lane_id, position, customer_name, contact_name, contact_email, contact_phone, service_address,
         contract_start_date, contract_value, services, special_conditions, notes, created_by, created_at, updated_at, entered_lane_at)
       VALUES ($1, $2, (SELECT COALESCE(max(position), 0) + 1024 FROM cards WHERE lane_id = $2), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $14)
       RETURNING id`,
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
      ],
    );
    return id;
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

  /** One statement on its own, outside any transaction: it commits by itself (CardWriter.decide). */
  query(sql: string, params: unknown[]): Promise<{ applied: number; after: unknown }[]> {
    return this.db.query(sql, params);
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    // PostgreSQL's default, READ COMMITTED: naming it would cost a SET TRANSACTION statement per write.
    return this.db.transaction(work);
  }
}
