import { Injectable } from '@nestjs/common';
import type { BoardEvent, BoardResponse, CardSummary } from '@relay/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { CardsService } from '../cards/cards.service.js';
import type { PipelineConfig } from '../pipeline/pipeline.repository.js';
import { PipelineService } from '../pipeline/pipeline.service.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';

/** Lane by lane (the pipeline's order), then by position within a lane (arrivals in one millisecond by id). */
const boardOrder = (config: PipelineConfig) => (a: CardSummary, b: CardSummary) =>
  config.laneById.get(a.laneId)!.position - config.laneById.get(b.laneId)!.position ||
  a.position - b.position ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** How many missed events a client may catch up on before it is told to refetch the board. */
export const CATCH_UP_LIMIT = 1000;

@Injectable()
export class BoardService {
  constructor(
    private readonly db: DataSource,
    private readonly pipelines: PipelineService,
    private readonly cards: CardsService,
    private readonly hub: RealtimeHub,
    private readonly clock: Clock,
  ) {}

  /**
   * The whole board, read in one REPEATABLE READ transaction: the cards show at least every event up to
   * `seq`. They may also show changes committed but not yet published; those events follow with higher seqs,
   * and clients keep the newer version of a card (versions only grow).
   */
  async board(): Promise<BoardResponse> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const config = await this.pipelines.load(m);
      const { lastSeq, departments } = await this.pipelines.boardHeader(m, config.pipeline.id);
      const now = this.clock.now();
      const cards = await this.cards.summaries(config, now, m);
      return {
        pipeline: config.pipeline,
        lanes: config.lanes,
        cards: cards.sort(boardOrder(config)),
        departments,
        seq: lastSeq,
        now: now.toISOString(),
      };
    });
  }

  /** Events after `seq`, or `tooFarBehind` when a client should refetch the whole board instead. */
  async eventsAfter(seq: number): Promise<{ events: BoardEvent[]; tooFarBehind: boolean }> {
    const pipelineId = await this.pipelines.defaultPipelineId();
    const events = await this.hub.eventsAfter(pipelineId, seq, CATCH_UP_LIMIT + 1);
    return events.length > CATCH_UP_LIMIT ? { events: [], tooFarBehind: true } : { events, tooFarBehind: false };
  }
}
