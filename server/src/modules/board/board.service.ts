import { Injectable } from '@nestjs/common';
import type { BoardEvent, BoardResponse } from '@relay/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { withSharedSnapshot } from '../../common/shared-snapshot.js';
import { toSummary } from '../cards/card-mapper.js';
import { CardsRepository } from '../cards/cards.repository.js';
import { PipelineRepository } from '../pipeline/pipeline.repository.js';
import { BoardEventsRepository } from '../realtime/board-events.repository.js';

/** How many missed events a client may catch up on before it is told to refetch the board. */
export const CATCH_UP_LIMIT = 1000;

@Injectable()
export class BoardService {
  constructor(
    private readonly db: DataSource,
    private readonly pipelines: PipelineRepository,
    private readonly cards: CardsRepository,
    private readonly events: BoardEventsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The whole board, from one snapshot so `seq` matches the cards exactly. The cards and their checklist
   * progress (the two big reads) run at the same time on two connections sharing that snapshot.
   */
  async board(): Promise<BoardResponse> {
    return withSharedSnapshot(this.db, async (m, side) => {
      const config = await this.pipelines.load(m);
      const [rows, [{ last_seq, departments }]] = [
        await this.cards.summaries(config.pipeline.id, m, side),
        await m.query(
          `SELECT last_seq, COALESCE((SELECT json_agg(json_build_object('key', key, 'name', name) ORDER BY name) FROM departments), '[]') AS departments
             FROM pipelines WHERE id = $1`,
          [config.pipeline.id],
        ),
      ];
      const now = this.clock.now();
      return {
        pipeline: config.pipeline,
        lanes: config.lanes,
        cards: rows.map((r) => toSummary(r, config, now)),
        departments,
        seq: Number(last_seq),
        now: now.toISOString(),
      };
    });
  }

  /** Events after `seq`, or `tooFarBehind` when a client should refetch the whole board instead. */
  async eventsAfter(seq: number): Promise<{ events: BoardEvent[]; tooFarBehind: boolean }> {
    const pipelineId = await this.pipelines.defaultPipelineId();
    const events = await this.events.after(pipelineId, seq, CATCH_UP_LIMIT + 1);
    return events.length > CATCH_UP_LIMIT ? { events: [], tooFarBehind: true } : { events, tooFarBehind: false };
  }
}
