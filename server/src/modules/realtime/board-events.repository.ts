import { Injectable } from '@nestjs/common';
import type { BoardEvent, BoardEventName, BoardEventPayloads, UserRef } from '@relay/shared';
import { DataSource } from 'typeorm';
import { insertFromJson, typedColumns, type ComposedStatement, type SqlCondition } from '../../common/sql.js';
import { INSTANCE_LOCK_CLASS } from '../../common/change-signals.js';
import { T } from '../../database/schema/index.js';

const { boardEvents: B } = T;

export interface NewBoardEvent<N extends BoardEventName = BoardEventName> {
  pipelineId: string;
  type: N;
  actor: UserRef | null;
  at: Date;
  requestId?: string | null;
  payload: BoardEventPayloads[N];
}

export interface StoredBoardEvent {
  /** The row's id, to mark it published once emitted. */
  id: string;
  pipelineId: string;
  event: BoardEvent;
}

interface Row {
  id: string;
  pipeline_id: string;
  seq: string;
  type: BoardEventName;
  at: Date;
  request_id: string | null;
  payload: { actor: UserRef | null } & Record<string, unknown>;
}

function toEvent(r: Row): StoredBoardEvent {
  const { actor, ...rest } = r.payload;
  const event = {
    ...rest,
    type: r.type,
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actor,
    requestId: r.request_id,
  } as unknown as BoardEvent;
  return { id: String(r.id), pipelineId: r.pipeline_id, event };
}

const BOARD_EVENT_COLUMNS = typedColumns(B, ['pipelineId', 'type', 'actorId', 'at', 'requestId', 'payload']);

/** A stored event's columns, as `Row` has them (what board_events_claim also returns). */
const ROW_COLUMNS = `${B.c.id}, ${B.c.pipelineId}, ${B.c.seq}, ${B.c.type}, ${B.c.at}, ${B.c.requestId}, ${B.c.payload}`;

/** Most events one claim numbers; the hub claims again while a claim comes back full. */
export const CLAIM_LIMIT = 1000;

const bySeq = (rows: Row[]): StoredBoardEvent[] => rows.map(toEvent).sort((a, b) => a.event.seq - b.event.seq);

/**
 * The board's outbox. Changes insert their events without a seq (`insert`), as part of their own
 * commit. `claim` numbers what has committed on a board, in insertion order, and commits that durably
 * before returning it for the hub to emit (migration BoardSeqAtPublish): seqs are gapless, and a seq a
 * client has seen is never given to another event.
 */
@Injectable()
export class BoardEventsRepository {
  constructor(private readonly db: DataSource) {}

  /** Adds to `s` the INSERT of new events, in order, written only if `when` holds; they are numbered when published. */
  insert(s: ComposedStatement, events: NewBoardEvent[], when: SqlCondition | null): void {
    const rows = events.map((e) => ({
      [B.c.pipelineId]: e.pipelineId,
      [B.c.type]: e.type,
      [B.c.actorId]: e.actor?.id ?? null,
      [B.c.at]: e.at,
      [B.c.requestId]: e.requestId ?? null,
      [B.c.payload]: { ...e.payload, actor: e.actor },
    }));
    s.with('events', insertFromJson(s, B.table, BOARD_EVENT_COLUMNS, rows, when));
  }

  /**
   * Numbers up to `limit` of the board's committed, unnumbered events and returns them in seq order. Claims
   * on one board queue on its pipeline row, on every instance; each sees what the one before it numbered.
   * `claimer`: the claiming instance's lease key (see ChangeSignals.instanceKey), null when it holds none.
   */
  async claim(pipelineId: string, limit = CLAIM_LIMIT, claimer: number | null = null): Promise<StoredBoardEvent[]> {
    const rows: Row[] = await this.db.query(`SELECT ${ROW_COLUMNS} FROM board_events_claim($1, $2, $3)`, [pipelineId, limit, claimer]);
    return bySeq(rows);
  }

  async after(pipelineId: string, seq: number, limit: number): Promise<BoardEvent[]> {
    const rows: Row[] = await this.db.query(
      `SELECT ${ROW_COLUMNS} FROM ${B.table} WHERE ${B.c.pipelineId} = $1 AND ${B.c.seq} > $2 ORDER BY ${B.c.seq} LIMIT $3`,
      [pipelineId, seq, limit],
    );
    return rows.map((r) => toEvent(r).event);
  }

  /** Records that these events have been emitted (see migration PublishedAfterEmit). */
  async markPublished(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE ${B.table} SET ${B.c.publishedAt} = now() WHERE ${B.c.id} = ANY($1::bigint[]) AND ${B.c.publishedAt} IS NULL`,
      [ids],
    );
  }

  /**
   * Events numbered more than `graceMs` ago and still not emitted whose instance is gone (no session holds
   * its lease lock: it died between claim and emit; or it claimed without a lease, its listener being down),
   * or that were numbered more than `olderThanMs` ago all the same. In seq order per board.
   */
  async unemitted(graceMs: number, olderThanMs: number, limit: number): Promise<StoredBoardEvent[]> {
    const rows: Row[] = await this.db.query(
      `SELECT ${ROW_COLUMNS} FROM ${B.table} b
        WHERE ${B.c.seq} IS NOT NULL AND ${B.c.publishedAt} IS NULL
          AND (${B.c.claimedAt} < now() - make_interval(secs => $1::float8 / 1000)
               OR ${B.c.claimedAt} < now() - make_interval(secs => $4::float8 / 1000) AND NOT EXISTS (SELECT 1 FROM pg_locks l
                               WHERE l.locktype = 'advisory' AND l.classid = $3 AND l.objsubid = 2 AND l.granted
                                 AND l.objid::bigint = b.${B.c.claimedBy}
                                 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())))
        ORDER BY ${B.c.id} LIMIT $2`,
      [olderThanMs, limit, INSTANCE_LOCK_CLASS, graceMs],
    );
    return rows
      .map(toEvent)
      .sort((a, b) => (a.pipelineId < b.pipelineId ? -1 : a.pipelineId > b.pipelineId ? 1 : a.event.seq - b.event.seq));
  }

  /** The newest unnumbered event's id (0 when there is none): a mark for the sweep. */
  async unclaimedMark(): Promise<number> {
    const [r] = await this.db.query(`SELECT COALESCE(max(${B.c.id}), 0) AS max FROM ${B.table} WHERE ${B.c.seq} IS NULL`);
    return Number(r.max);
  }

  /** Boards with events still unnumbered at or below the mark `upTo` (left behind by a crash between commit and publish). */
  async boardsUnclaimedUpTo(upTo: number): Promise<string[]> {
    const rows: { pipeline_id: string }[] = await this.db.query(
      `SELECT DISTINCT ${B.c.pipelineId} FROM ${B.table} WHERE ${B.c.seq} IS NULL AND ${B.c.id} <= $1`,
      [upTo],
    );
    return rows.map((r) => r.pipeline_id);
  }
}
