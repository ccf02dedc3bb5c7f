import { Injectable } from '@nestjs/common';
import type { Attachment, CardSummary, Comment, Health, ItemValue, ReturnNote, SalesForm } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { ComposedStatement, isoTime, laneLimitStart, SqlAnswer, SqlCondition, updatedRows, userRef } from '../../common/sql.js';
import { T } from '../../database/schema/index.js';
import type { CardRow, SummaryRow, ValueRow } from './card-mapper.js';

const { cards: C, users: U, lanes: L, checklistValues: V, attachments: A, comments: M } = T;

/**
 * What a card summary reads: plain columns only (people as id and name, times as ISO text), which is what
 * reads fastest for a whole board. `checklist_done` is kept by PostgreSQL (migration CardChecklistDone).
 */
export const SUMMARY_COLUMNS = `c.${C.c.id}, c.${C.c.customerName} AS title, c.${C.c.laneId} AS "laneId", c.${C.c.position}, c.${C.c.version},
  a.${U.c.id} AS "assigneeId", a.${U.c.name} AS "assigneeName", ${isoTime(`c.${C.c.enteredLaneAt}`)} AS "enteredLaneAt", c.${C.c.riskFlag} AS "riskFlag",
  c.${C.c.riskReason} AS "riskReason", p.${U.c.id} AS "pickedUpById", p.${U.c.name} AS "pickedUpByName", ${isoTime(`c.${C.c.pickedUpAt}`)} AS "pickedUpAt",
  c.${C.c.nextAction}->>'due' AS "nextActionDue", c.${C.c.nextAction}->>'text' AS "nextActionText", to_char(c.${C.c.goLiveDate}, 'YYYY-MM-DD') AS "goLiveDate",
  c.${C.c.checklistDone} AS "checklistDone", c.${C.c.returned}`;

/** The FROM of a summary: cards (or a CTE of card rows) as `c`, with their people. */
export const summaryFrom = (source: string = C.table) =>
  `FROM ${source} c LEFT JOIN ${U.table} a ON a.${U.c.id} = c.${C.c.assigneeId} LEFT JOIN ${U.table} p ON p.${U.c.id} = c.${C.c.pickedUpBy}`;
const SUMMARY_FROM = summaryFrom();

const CARD_COLUMNS = `c.${C.c.id}, c.${C.c.customerName} AS title, c.${C.c.customerName} AS "customerName", c.${C.c.contactName} AS "contactName",
  c.${C.c.contactEmail} AS "contactEmail", c.${C.c.contactPhone} AS "contactPhone", c.${C.c.serviceAddress} AS "serviceAddress",
  to_char(c.${C.c.contractStartDate}, 'YYYY-MM-DD') AS "contractStartDate", c.${C.c.contractValue} AS "contractValue", c.${C.c.services},
  c.${C.c.specialConditions} AS "specialConditions", c.${C.c.notes}, c.${C.c.laneId} AS "laneId", c.${C.c.position}, c.${C.c.version},
  ${userRef('a')} AS assignee, ${userRef('cb')} AS "createdBy", c.${C.c.createdAt} AS "createdAt", c.${C.c.updatedAt} AS "updatedAt",
  c.${C.c.enteredLaneAt} AS "enteredLaneAt", c.${C.c.laneVisit} AS "laneVisit", to_char(c.${C.c.goLiveDate}, 'YYYY-MM-DD') AS "goLiveDate",
  c.${C.c.riskFlag} AS "riskFlag", c.${C.c.riskReason} AS "riskReason", c.${C.c.nextAction} AS "nextAction", c.${C.c.lastTouch} AS "lastTouch",
  ${userRef('p')} AS "pickedUpBy", c.${C.c.pickedUpAt} AS "pickedUpAt", c.${C.c.returned}`;

/** A card as `full` reads it: its row, checklist values and attachments (and, when asked, its target lane's tail). */
export interface FullCard {
  row: CardRow;
  values: ValueRow[];
  attachments: Attachment[];
  laneTail: number | null;
}

/** The FROM of a card's attachments as `t`, with who uploaded each as `u`. */
const ATTACHMENTS_FROM = `FROM ${A.table} t LEFT JOIN ${U.table} u ON u.${U.c.id} = t.${A.c.uploadedBy}`;

/** The FROM of a whole card: the card as `c` with its people (assignee, creator, who picked it up). */
const CARD_FROM = `${SUMMARY_FROM} LEFT JOIN ${U.table} cb ON cb.${U.c.id} = c.${C.c.createdBy}`;

/** A comment (as `c`, its author as `u`) as the API gives it. */
const COMMENT_COLUMNS = `c.${M.c.id}, c.${M.c.cardId} AS "cardId", json_build_object('id', u.${U.c.id}, 'name', u.${U.c.name}) AS author, c.${M.c.body}, c.${M.c.createdAt} AS at`;

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
  returned?: ReturnNote | null;
}

/** Each settable field's column and SQL type, in the order assignments are written (one statement text per set of fields). */
const SET_COLUMNS: { [K in keyof Required<CardSet>]: readonly [column: string, type: string] } = {
  customerName: [C.c.customerName, 'text'],
  contactName: [C.c.contactName, 'text'],
  contactEmail: [C.c.contactEmail, 'text'],
  contactPhone: [C.c.contactPhone, 'text'],
  serviceAddress: [C.c.serviceAddress, 'text'],
  contractStartDate: [C.c.contractStartDate, 'date'],
  contractValue: [C.c.contractValue, 'numeric'],
  services: [C.c.services, 'jsonb'],
  specialConditions: [C.c.specialConditions, 'text'],
  notes: [C.c.notes, 'text'],
  riskFlag: [C.c.riskFlag, 'text'],
  riskReason: [C.c.riskReason, 'text'],
  nextAction: [C.c.nextAction, 'jsonb'],
  lastTouch: [C.c.lastTouch, 'jsonb'],
  assigneeId: [C.c.assigneeId, 'uuid'],
  assigneeIfNone: [C.c.assigneeId, 'uuid'],
  laneId: [C.c.laneId, 'uuid'],
  enteredLaneAt: [C.c.enteredLaneAt, 'timestamptz'],
  laneVisit: [C.c.laneVisit, 'int'],
  position: [C.c.position, 'float8'],
  pickedUpBy: [C.c.pickedUpBy, 'uuid'],
  pickedUpAt: [C.c.pickedUpAt, 'timestamptz'],
  healthState: [C.c.healthState, 'text'],
  nudgeLevel: [C.c.nudgeLevel, 'smallint'],
  doneAt: [C.c.doneAt, 'timestamptz'],
  goLiveDate: [C.c.goLiveDate, 'date'],
  returned: [C.c.returned, 'jsonb'],
};
const SET_ORDER = Object.keys(SET_COLUMNS) as (keyof CardSet)[];

/** `version = version + 1, updated_at = …` and an assignment per field given in `set`, numbered in `s`. */
function assignments(s: ComposedStatement, set: CardSet, now: Date): string {
  const parts = [`${C.c.version} = ${C.c.version} + 1`, `${C.c.updatedAt} = ${s.params.add(now)}::timestamptz`];
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
      `SELECT ${SUMMARY_COLUMNS}, NULL AS "closedAt" ${SUMMARY_FROM} WHERE c.${C.c.pipelineId} = $1 AND c.${C.c.doneAt} IS NULL
       UNION ALL
       SELECT ${SUMMARY_COLUMNS}, ${isoTime(`c.${C.c.doneAt}`)} ${SUMMARY_FROM} WHERE c.${C.c.pipelineId} = $1 AND c.${C.c.doneAt} >= $2::timestamptz`,
      [pipelineId, closedSince],
    );
  }

  /**
   * Cards past their lane's limit: one index range scan per lane on (lane_id, entered_lane_at).
   * OFFSET 0 keeps PostgreSQL from flattening the LATERAL into a hash join over every card.
   */
  stuckSummaries(pipelineId: string, now: Date): Promise<SummaryRow[]> {
    return this.db.query(
      `SELECT ${SUMMARY_COLUMNS} ${summaryFrom(`${L.table} l CROSS JOIN LATERAL (
         SELECT * FROM ${C.table} c WHERE c.${C.c.laneId} = l.${L.c.id} AND c.${C.c.enteredLaneAt} < ${laneLimitStart('$2')}
         OFFSET 0)`)}
       WHERE l.${L.c.pipelineId} = $1 AND l.${L.c.timeLimitHours} IS NOT NULL AND NOT l.${L.c.terminal}`,
      [pipelineId, now],
    );
  }

  async summariesByIds(m: EntityManager, ids: string[]): Promise<SummaryRow[]> {
    if (ids.length === 0) return [];
    return m.query(`SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE c.${C.c.id} = ANY($1::uuid[])`, [ids]);
  }

  async summary(m: EntityManager, id: string): Promise<SummaryRow> {
    const rows = await m.query(`SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE c.${C.c.id} = $1`, [id]);
    return rows[0];
  }

  async find(id: string, m: EntityManager = this.db.manager): Promise<CardRow | null> {
    const rows = await m.query(`SELECT ${CARD_COLUMNS} ${CARD_FROM} WHERE c.${C.c.id} = $1`, [id]);
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
    const tail = tailOf
      ? `(SELECT max(o.${C.c.position}) FROM ${C.table} o WHERE o.${C.c.laneId} = ${s.params.add(tailOf)}::uuid)`
      : 'NULL';
    const rows: (CardRow & { valueRows: ValueRow[]; attachmentRows: Attachment[]; after: T; laneTail: number | null })[] = await m.query(
      s.text(`SELECT ${CARD_COLUMNS},
              COALESCE((SELECT json_agg(json_build_object('itemId', v.${V.c.itemId}, 'value', v.${V.c.value}, 'note', v.${V.c.note},
                          'completedBy', CASE WHEN v.${V.c.completedByCustomer} IS NOT NULL THEN json_build_object('customer', v.${V.c.completedByCustomer})
                            ELSE ${userRef('u')} END, 'completedAt', v.${V.c.completedAt}))
                 FROM ${V.table} v LEFT JOIN ${U.table} u ON u.${U.c.id} = v.${V.c.completedBy} WHERE v.${V.c.cardId} = c.${C.c.id}), '[]') AS "valueRows",
              COALESCE((SELECT json_agg(json_build_object('id', t.${A.c.id}, 'name', t.${A.c.name}, 'size', t.${A.c.size}, 'mime', t.${A.c.mime}, 'itemId', t.${A.c.itemId},
                          'uploadedBy', ${userRef('u')}, 'at', t.${A.c.createdAt}) ORDER BY t.${A.c.createdAt})
                 ${ATTACHMENTS_FROM} WHERE t.${A.c.cardId} = c.${C.c.id}), '[]') AS "attachmentRows",
              ${tail} AS "laneTail", ${after?.answer.sql ?? 'NULL'} AS after
         ${CARD_FROM} WHERE c.${C.c.id} = ${idParam}`),
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
      `SELECT t.${A.c.id}, t.${A.c.name}, t.${A.c.size}, t.${A.c.mime}, t.${A.c.itemId} AS "itemId", ${userRef('u')} AS "uploadedBy", t.${A.c.createdAt} AS at
         ${ATTACHMENTS_FROM} WHERE t.${A.c.cardId} = $1 ORDER BY t.${A.c.createdAt}`,
      [cardId],
    );
  }

  /** The card's lane, version and values in one read (the state a write decides on). */
  async state(m: EntityManager, id: string): Promise<CardState | null> {
    const rows = await m.query(
      `SELECT c.${C.c.id}, c.${C.c.laneId} AS "laneId", c.${C.c.version}, c.${C.c.laneVisit} AS "laneVisit", c.${C.c.enteredLaneAt} AS "enteredLaneAt", c.${C.c.customerName} AS title, c.${C.c.assigneeId} AS "assigneeId", c.${C.c.pickedUpBy} AS "pickedUpBy",
              COALESCE((SELECT json_object_agg(v.${V.c.itemId}, v.${V.c.value}) FROM ${V.table} v WHERE v.${V.c.cardId} = c.${C.c.id}), '{}') AS values
         FROM ${C.table} c WHERE c.${C.c.id} = $1`,
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
    const guard = expectedVersion === null ? '' : ` AND ${C.c.version} = ${s.params.add(expectedVersion)}`;
    const rows = await m.query(
      `UPDATE ${C.table} SET ${sets} WHERE ${C.c.id} = ${s.params.add(id)}${guard} RETURNING ${C.c.version}, ${C.c.laneId} AS "laneId"`,
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
      `UPDATE ${C.table} SET ${assignments(s, change.set, change.at)}
        WHERE ${C.c.id} = ${s.params.add(change.card)}::uuid AND ${C.c.version} = ${s.params.add(change.version)}::int RETURNING ${C.c.id}`,
    );
    return { applied: new SqlCondition('EXISTS (SELECT FROM guarded)'), count: new SqlAnswer('(SELECT count(*) FROM guarded)::int') };
  }

  /** The highest position in a lane, or null when it is empty (where a new card goes: after it). */
  async laneTail(m: EntityManager, laneId: string): Promise<number | null> {
    const [r] = await m.query(`SELECT max(${C.c.position}) AS tail FROM ${C.table} WHERE ${C.c.laneId} = $1`, [laneId]);
    return r.tail === null ? null : Number(r.tail);
  }

  /**
   * Stores what the stuck scan saw, without bumping versions: health is time passing, not an edit. A card
   * that left the lane visit it was seen in is left alone.
   */
  async recordHealth(m: EntityManager, rows: { cardId: string; visit: number; health: Health; level: number }[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `UPDATE ${C.table} c SET ${C.c.healthState} = u.health, ${C.c.nudgeLevel} = GREATEST(c.${C.c.nudgeLevel}, u.level)
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::smallint[]) AS u(id, visit, health, level)
        WHERE c.${C.c.id} = u.id AND c.${C.c.laneVisit} = u.visit`,
      [rows.map((r) => r.cardId), rows.map((r) => r.visit), rows.map((r) => r.health), rows.map((r) => r.level)],
    );
  }

  async valueOf(m: EntityManager, cardId: string, itemId: string): Promise<ItemValue | null> {
    const rows = await m.query(`SELECT ${V.c.value} FROM ${V.table} WHERE ${V.c.cardId} = $1 AND ${V.c.itemId} = $2`, [cardId, itemId]);
    return rows[0]?.value ?? null;
  }

  /** Locks the card's row until commit, first waiting for any writer holding it; false when there is no such card. */
  async lock(m: EntityManager, id: string): Promise<boolean> {
    return (await m.query(`SELECT 1 FROM ${C.table} WHERE ${C.c.id} = $1 FOR UPDATE`, [id])).length > 0;
  }

  async exists(m: EntityManager, id: string): Promise<boolean> {
    return (await m.query(`SELECT 1 FROM ${C.table} WHERE ${C.c.id} = $1`, [id])).length > 0;
  }

  /**
   * Open cards (not closed in the terminal lane) of the pipeline whose customer name is `name` once case,
   * accents and spacing are ignored (NFD, combining marks dropped, runs of spaces as one, trimmed, lower case).
   */
  openWithCustomer(m: EntityManager, pipelineId: string, name: string): Promise<SummaryRow[]> {
    const key = (x: string) =>
      `lower(btrim(regexp_replace(regexp_replace(normalize(${x}, NFD), '[\\u0300-\\u036f]', '', 'g'), '\\s+', ' ', 'g')))`;
    return m.query(
      `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE c.${C.c.pipelineId} = $1 AND c.${C.c.doneAt} IS NULL AND ${key(`c.${C.c.customerName}`)} = ${key('$2::text')}
        ORDER BY c.${C.c.createdAt} LIMIT 10`,
      [pipelineId, name],
    );
  }

  async insert(
    m: EntityManager,
    c: SalesForm & { id: string; pipelineId: string; laneId: string; position: number; createdBy: string; now: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${C.table} (${C.c.id}, ${C.c.pipelineId}, ${C.c.laneId}, ${C.c.position}, ${C.c.customerName}, ${C.c.contactName}, ${C.c.contactEmail}, ${C.c.contactPhone}, ${C.c.serviceAddress},
         ${C.c.contractStartDate}, ${C.c.contractValue}, ${C.c.services}, ${C.c.specialConditions}, ${C.c.notes}, ${C.c.createdBy}, ${C.c.createdAt}, ${C.c.updatedAt}, ${C.c.enteredLaneAt})
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
      `INSERT INTO ${V.table} (${V.c.cardId}, ${V.c.itemId}, ${V.c.value}, ${V.c.satisfied}, ${V.c.note}, ${V.c.completedBy}, ${V.c.completedAt}, ${V.c.completedByCustomer})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (${V.c.cardId}, ${V.c.itemId}) DO UPDATE SET ${V.c.value} = EXCLUDED.${V.c.value}, ${V.c.satisfied} = EXCLUDED.${V.c.satisfied}, ${V.c.note} = EXCLUDED.${V.c.note},
         ${V.c.completedBy} = EXCLUDED.${V.c.completedBy}, ${V.c.completedAt} = EXCLUDED.${V.c.completedAt}, ${V.c.completedByCustomer} = EXCLUDED.${V.c.completedByCustomer}`,
      [v.cardId, v.itemId, JSON.stringify(v.value), v.satisfied, v.note, v.by, v.at, v.byCustomer ?? null],
    );
  }

  async deleteValue(m: EntityManager, cardId: string, itemId: string): Promise<void> {
    await m.query(`DELETE FROM ${V.table} WHERE ${V.c.cardId} = $1 AND ${V.c.itemId} = $2`, [cardId, itemId]);
  }

  async hasAttachment(m: EntityManager, cardId: string, attachmentId: string): Promise<boolean> {
    return (await m.query(`SELECT 1 FROM ${A.table} WHERE ${A.c.id} = $1 AND ${A.c.cardId} = $2`, [attachmentId, cardId])).length > 0;
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
      `INSERT INTO ${A.table} (${A.c.id}, ${A.c.cardId}, ${A.c.itemId}, ${A.c.name}, ${A.c.size}, ${A.c.mime}, ${A.c.storageKey}, ${A.c.uploadedBy}, ${A.c.createdAt}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [a.id, a.cardId, a.itemId, a.name, a.size, a.mime, a.storageKey, a.by, a.at],
    );
  }

  async attachmentFile(cardId: string, attachmentId: string): Promise<{ name: string; mime: string; storageKey: string } | null> {
    const rows = await this.db.query(
      `SELECT ${A.c.name}, ${A.c.mime}, ${A.c.storageKey} AS "storageKey" FROM ${A.table} WHERE ${A.c.id} = $1 AND ${A.c.cardId} = $2`,
      [attachmentId, cardId],
    );
    return rows[0] ?? null;
  }

  async addComment(m: EntityManager, c: { cardId: string; authorId: string; body: string; at: Date }): Promise<Comment> {
    const [row] = await m.query(
      `WITH c AS (INSERT INTO ${M.table} (${M.c.cardId}, ${M.c.authorId}, ${M.c.body}, ${M.c.createdAt}) VALUES ($1, $2, $3, $4) RETURNING *)
       SELECT ${COMMENT_COLUMNS}
         FROM c JOIN ${U.table} u ON u.${U.c.id} = c.${M.c.authorId}`,
      [c.cardId, c.authorId, c.body, c.at],
    );
    return { ...row, at: new Date(row.at).toISOString() };
  }

  comments(cardId: string): Promise<Comment[]> {
    return this.db.query(
      `SELECT ${COMMENT_COLUMNS}
         FROM ${M.table} c JOIN ${U.table} u ON u.${U.c.id} = c.${M.c.authorId} WHERE c.${M.c.cardId} = $1 ORDER BY c.${M.c.createdAt}, c.${M.c.id}`,
      [cardId],
    );
  }
}
