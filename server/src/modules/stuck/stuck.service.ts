import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { MetricsResponse as Metrics, StuckCard, User } from '@relay/shared';
import { AT_RISK_FRACTION, ESCALATION_FACTOR } from '@relay/shared';
import { Clock } from '../../common/clock.js';
import { DatabaseStatus } from '../../common/database-status.js';
import { DomainError, notFound } from '../../common/domain-error.js';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { CardsService } from '../cards/cards.service.js';
import { ChangeWriter, type WriteContext } from '../changes/change-writer.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { PipelineService } from '../pipeline/pipeline.service.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { dueNudges, healthChanged, nudgeOutcome, readings, type Reading } from './stuck-levels.js';
import { StuckRepository } from './stuck.repository.js';

export interface ScanResult {
  nudged: number;
  escalated: number;
  healthChanged: number;
  /** False when another instance held the scan lock. */
  ran: boolean;
}

/** Finds cards past their time limit, flags them, nudges their owners and escalates to managers. */
@Injectable()
export class StuckService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('StuckScan');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ScanResult> | null = null;

  constructor(
    @Inject(RELAY_CONFIG) private readonly config: RelayConfig,
    private readonly repo: StuckRepository,
    private readonly cards: CardsService,
    private readonly notifications: NotificationsService,
    private readonly pipelines: PipelineService,
    private readonly writer: ChangeWriter,
    private readonly hub: RealtimeHub,
    private readonly clock: Clock,
    private readonly database: DatabaseStatus,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.stuckScanSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.scan()
        .then((r) => (r.nudged || r.escalated) && this.logger.log(`stuck scan: ${r.nudged} nudged, ${r.escalated} escalated`))
        .catch((err) => this.database.check(err) || this.logger.warn(`stuck scan failed: ${err}`));
    }, seconds * 1000).unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * One scan, as the single leader: a second instance scanning at the same moment does nothing. A round
   * ends once its board events are published (the next round, and whoever asked for this one, find them out).
   */
  scan(): Promise<ScanResult> {
    const run = this.writer
      .run(null, null, (ctx) => this.scanRound(ctx))
      .then(async (result) => {
        await this.hub.flush();
        return result;
      })
      .finally(() => (this.running = null));
    this.running = run;
    return run;
  }

  /** One round: lead, read where each candidate stands, record the nudges due, record health, tell the board. */
  private async scanRound(ctx: WriteContext): Promise<ScanResult> {
    if (!(await this.repo.tryLeaderLock(ctx.m))) return { nudged: 0, escalated: 0, healthChanged: 0, ran: false };
    const found = await this.repo.candidates(ctx.m, ctx.config.pipeline.id, ctx.now, AT_RISK_FRACTION, ESCALATION_FACTOR);
    const rs = readings(found, ctx.config.laneById, ctx.now);
    const fresh = await this.repo.recordNudges(ctx.m, dueNudges(rs), ctx.now);
    await ctx.recordHealth(rs.map((r) => ({ cardId: r.card.id, visit: r.card.laneVisit, health: r.health.health, level: r.level })));
    this.queueNudges(ctx, rs, fresh);
    const changed = healthChanged(rs);
    for (const card of await ctx.summaries(changed.map((r) => r.card.id))) ctx.emit('card.health', { card });
    return {
      nudged: fresh.filter((n) => n.level === 1).length,
      escalated: fresh.filter((n) => n.level === 2).length,
      healthChanged: changed.length,
      ran: true,
    };
  }

  /** The history line and notification of each nudge recorded for the first time. */
  private queueNudges(ctx: WriteContext, rs: Reading[], fresh: { cardId: string; level: number }[]): void {
    const byId = new Map(rs.map((r) => [r.card.id, r]));
    for (const n of fresh) {
      const { history, notify } = nudgeOutcome(byId.get(n.cardId)!, n.level);
      ctx.history(history);
      ctx.notify(notify);
    }
  }

  async stuck(): Promise<StuckCard[]> {
    const config = await this.pipelines.load();
    const now = this.clock.now();
    const cards = await this.cards.stuckSummaries(config, now);
    return cards
      .map((c) => {
        const lane = config.laneById.get(c.laneId)!;
        return { ...c, laneName: lane.name, department: lane.department };
      })
      .sort((a, b) => b.overdueMinutes - a.overdueMinutes);
  }

  async metrics(): Promise<Metrics> {
    const pipelineId = await this.pipelines.defaultPipelineId();
    const { lanes, pipeline } = await this.repo.metrics(pipelineId, this.clock.now(), AT_RISK_FRACTION);
    const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
    return {
      lanes: lanes.map(
        ({
          terminal,
          ...l
        }: {
          terminal: boolean;
          medianHours: number | null;
          p90Hours: number | null;
          medianPickupHours: number | null;
        }) => ({
          ...l,
          medianHours: terminal ? null : round(l.medianHours),
          p90Hours: terminal ? null : round(l.p90Hours),
          medianPickupHours: round(l.medianPickupHours),
        }),
      ) as Metrics['lanes'],
      pipeline: { ...pipeline, medianDaysToDone: round(pipeline.medianDaysToDone) },
    };
  }

  /** Nudges the owners of the card's lane, or of one of its items, by hand — once per target per hour. */
  async remind(cardId: string, itemId: string | null, user: User, requestId: string | null): Promise<void> {
    await this.writer.run(user, requestId, async (ctx) => {
      const state = await this.cards.state(ctx.m, cardId);
      if (!state) throw notFound('card');
      const lane = ctx.config.laneById.get(state.laneId)!;
      if (lane.terminal) throw new DomainError('INVALID_TRANSITION', `${state.title} is done; nobody needs reminding`);
      const item = itemId ? ctx.config.itemById.get(itemId) : null;
      if (itemId && !item) throw notFound('checklist item');
      if (item && item.lane.id !== lane.id)
        throw new DomainError('ITEM_NOT_IN_LANE', `"${item.label}" belongs to ${item.lane.name}, but the card is in ${lane.name}`);
      if (!(await this.notifications.takeReminderSlot(ctx.m, cardId, itemId ?? 'lane', ctx.now))) {
        throw new DomainError(
          'RATE_LIMITED',
          `The owners were already reminded about ${item ? `"${item.label}"` : 'this card'} within the hour`,
        );
      }
      const role = item?.role ?? lane.role ?? null;
      const what = item ? `"${item.label}" on ${state.title}` : `${state.title} in ${lane.name}`;
      ctx.history({
        cardId,
        type: 'reminded',
        actorId: user.id,
        data: { itemId, label: item?.label ?? null, lane: lane.key },
      });
      ctx.notify({
        kind: 'reminder',
        userIds: [state.assigneeId],
        department: role === 'manager' ? null : lane.department,
        departmentRoles: role && role !== 'manager' ? [role] : null,
        roles: role === 'manager' ? ['manager'] : [],
        cardId,
        text: `${user.name} is waiting on ${what}`,
      });
    });
  }
}
