import { Injectable } from '@nestjs/common';
import type { BoardEvent, BoardEventName, BoardEventPayloads, UserRef } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { updatedRows } from '../../common/sql.js';

export interface NewBoardEvent<N extends BoardEventName = BoardEventName> {
  pipelineId: string;
  type: N;
  actor: UserRef | null;
  at: Date;
  requestId?: string | null;
  payload: BoardEventPayloads[N];
}

export interface StoredBoardEvent {
  pipelineId: string;
  event: BoardEvent;
}

interface Row {
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
  return { pipelineId: r.pipeline_id, event };
}

/**
 * The board's outbox. `record` takes the next seq from the pipeline row, whose lock is held until
 * commit, so seqs are gapless and in commit order: call it as the last statement of a transaction.
 */
@Injectable()
export class BoardEventsRepository {
  constructor(private readonly db: DataSource) {}

  async record(m: EntityManager, e: NewBoardEvent): Promise<StoredBoardEvent> {
    const rows: Row[] = await m.query(
      `WITH s AS (UPDATE pipelines SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
       INSERT INTO board_events (pipeline_id, seq, type, actor_id, at, request_id, payload)
       SELECT $1, s.last_seq, $2, $3, $4, $5, $6 FROM s
       RETURNING pipeline_id, seq, type, at, request_id, payload`,
      [e.pipelineId, e.type, e.actor?.id ?? null, e.at, e.requestId ?? null, JSON.stringify({ ...e.payload, actor: e.actor })],
    );
    return toEvent(rows[0]);
  }

  async after(pipelineId: string, seq: number, limit: number): Promise<BoardEvent[]> {
    const rows: Row[] = await this.db.query(
      `SELECT pipeline_id, seq, type, at, request_id, payload FROM board_events WHERE pipeline_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [pipelineId, seq, limit],
    );
    return rows.map((r) => toEvent(r).event);
  }

  async lastSeq(pipelineId: string): Promise<number> {
    const [r] = await this.db.query('SELECT last_seq FROM pipelines WHERE id = $1', [pipelineId]);
    return Number(r?.last_seq ?? 0);
  }

  async markPublished(pipelineId: string, seqs: number[]): Promise<void> {
    if (seqs.length)
      await this.db.query('UPDATE board_events SET published_at = now() WHERE pipeline_id = $1 AND seq = ANY($2::bigint[])', [
        pipelineId,
        seqs,
      ]);
  }

  /** Claims events still unpublished with seq ≤ `upTo` (left behind by a crash between commit and publish). */
  async claimStale(upTo: number): Promise<StoredBoardEvent[]> {
    const result = await this.db.query(
      `UPDATE board_events SET published_at = now()
        WHERE (pipeline_id, seq) IN (SELECT pipeline_id, seq FROM board_events WHERE published_at IS NULL AND seq <= $1 FOR UPDATE SKIP LOCKED)
        RETURNING pipeline_id, seq, type, at, request_id, payload`,
      [upTo],
    );
    return updatedRows<Row>(result)
      .map(toEvent)
      .sort((a, b) => a.event.seq - b.event.seq);
  }

  async maxUnpublished(): Promise<number> {
    const [r] = await this.db.query('SELECT COALESCE(max(seq), 0) AS max FROM board_events WHERE published_at IS NULL');
    return Number(r.max);
  }
}
