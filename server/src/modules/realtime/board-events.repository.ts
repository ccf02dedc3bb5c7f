import { Injectable } from '@nestjs/common';
import type { BoardEvent, BoardEventName, BoardEventPayloads, UserRef } from '@relay/shared';
import { DataSource } from 'typeorm';
import { insertFromJson, updatedRows } from '../../common/sql.js';

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

const BOARD_EVENT_COLUMNS = [
  ['pipeline_id', 'uuid'],
  ['type', 'text'],
  ['actor_id', 'uuid'],
  ['at', 'timestamptz'],
  ['request_id', 'text'],
  ['payload', 'jsonb'],
] as const;

const bySeq = (rows: Row[]): StoredBoardEvent[] => rows.map(toEvent).sort((a, b) => a.event.seq - b.event.seq);

/**
 * The board's outbox. Events are inserted without their seq (`insertSql`); a deferred trigger (migration
 * BoardSeqAtCommit) takes the next seq from the pipeline row at commit, so seqs are gapless and in
 * commit order while the pipeline row stays locked only for the commit itself. After commit, `claim`
 * takes what is committed and unpublished, in seq order, for the hub to emit.
 */
@Injectable()
export class BoardEventsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * An INSERT of new events (given as `param`, a jsonb array: see `rows`), in order, for a write's last
   * statement; they have their seqs once that transaction commits. `when`: see insertFromJson.
   */
  insertSql(param: string, when: string | null = null): string {
    return insertFromJson('board_events', BOARD_EVENT_COLUMNS, param, when);
  }

  rows(events: NewBoardEvent[]): string {
    return JSON.stringify(
      events.map((e) => ({
        pipeline_id: e.pipelineId,
        type: e.type,
        actor_id: e.actor?.id ?? null,
        at: e.at,
        request_id: e.requestId ?? null,
        payload: { ...e.payload, actor: e.actor },
      })),
    );
  }

  /**
   * Marks the board's committed, unpublished events published and returns them in seq order. A commit
   * is visible before the next seq can be taken, so what one claim sees has no gaps behind it; a claim
   * running at the same time on another instance waits for this one and then skips what it took.
   */
  async claim(pipelineId: string, limit = 1000): Promise<StoredBoardEvent[]> {
    // The mark commits without waiting for its WAL flush (synchronous_commit off for this statement's own
    // transaction only): a mark lost in a database crash only makes the sweep publish those events again,
    // and clients drop seqs they already have. It saves a disk flush on every change.
    const result = await this.db.query(
      `UPDATE board_events SET published_at = now()
        WHERE id IN (SELECT id FROM board_events WHERE pipeline_id = $1 AND published_at IS NULL ORDER BY seq LIMIT $2 FOR UPDATE)
          AND published_at IS NULL AND (SELECT set_config('synchronous_commit', 'off', true)) = 'off'
        RETURNING pipeline_id, seq, type, at, request_id, payload`,
      [pipelineId, limit],
    );
    return bySeq(updatedRows<Row>(result));
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

  /** Claims events still unpublished with seq ≤ `upTo` (left behind by a crash between commit and publish). */
  async claimStale(upTo: number): Promise<StoredBoardEvent[]> {
    const result = await this.db.query(
      `UPDATE board_events SET published_at = now()
        WHERE (pipeline_id, seq) IN (SELECT pipeline_id, seq FROM board_events WHERE published_at IS NULL AND seq <= $1 FOR UPDATE SKIP LOCKED)
        RETURNING pipeline_id, seq, type, at, request_id, payload`,
      [upTo],
    );
    return bySeq(updatedRows<Row>(result));
  }

  async maxUnpublished(): Promise<number> {
    const [r] = await this.db.query('SELECT COALESCE(max(seq), 0) AS max FROM board_events WHERE published_at IS NULL');
    return Number(r.max);
  }
}
