import { Injectable } from '@nestjs/common';
import type { BoardEvent, BoardResponse, CardSummary } from '@relay/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { CardsService } from '../cards/cards.service.js';
import type { PipelineConfig } from '../pipeline/pipeline.repository.js';
import { PipelineService } from '../pipeline/pipeline.service.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { SettingsService } from '../settings/settings.service.js';

type BoardCard = { summary: CardSummary; closedAt: string | null };

/**
 * Lane by lane (the pipeline's order), then by position within a lane (arrivals in one millisecond by id);
 * the terminal lane newest closed first.
 */
const boardOrder =
  (config: PipelineConfig) =>
  ({ summary: a, closedAt: ca }: BoardCard, { summary: b, closedAt: cb }: BoardCard) =>
    config.laneById.get(a.laneId)!.position - config.laneById.get(b.laneId)!.position ||
    (ca !== null && cb !== null ? (ca < cb ? 1 : ca > cb ? -1 : 0) : 0) ||
    a.position - b.position ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const DAY_MS = 86_400_000;

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
    private readonly settings: SettingsService,
  ) {}

  /**
   * The board (its terminal lane only the cards closed in the last `doneVisibleDays`), read in one REPEATABLE READ transaction: the cards show at least every event up to
   * `seq`. They may also show changes committed but not yet published; those events follow with higher seqs,
   * and clients keep the newer version of a card (versions only grow).
   */
  async board(): Promise<BoardResponse> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const config = await this.pipelines.load(m);
      const { lastSeq, departments } = await this.pipelines.boardHeader(m, config.pipeline.id);
      const now = this.clock.now();
      const { doneVisibleDays } = await this.settings.get(m);
      const cards = await this.cards.boardSummaries(config, now, new Date(now.getTime() - doneVisibleDays * DAY_MS), m);
      return {
        pipeline: config.pipeline,
        lanes: config.lanes,
        cards: cards.sort(boardOrder(config)).map((c) => c.summary),
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
