import { Injectable } from '@nestjs/common';
import type { BoardEventName, BoardEventPayloads, Card, User } from '@relay/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DomainError, notFound } from '../../common/domain-error.js';
import { PipelineRepository, type PipelineConfig } from '../pipeline/pipeline.repository.js';
import { BoardEventsRepository, type NewBoardEvent } from '../realtime/board-events.repository.js';
import { NotificationsService, type NotifyRequest, type PendingPush } from '../notifications/notifications.service.js';
import type { NotifiedRows } from '../notifications/notifications.repository.js';
import { SqlParams } from '../../common/sql.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { toCard, toSummary } from './card-mapper.js';
import { CardHistoryRepository, type NewCardEvent } from './card-history.repository.js';
import { CardsRepository } from './cards.repository.js';

export interface WriteContext {
  m: EntityManager;
  config: PipelineConfig;
  now: Date;
  /** Queues a line of the card's history, written with the board events at the end of the transaction. */
  history(e: Omit<NewCardEvent, 'at'>): void;
  /** Queues a board event, recorded at the end of the transaction and published after commit. */
  emit<N extends BoardEventName>(type: N, payload: BoardEventPayloads[N]): void;
  /** Queues notifications, recorded at the end of the transaction and pushed live after commit. */
  notify(req: NotifyRequest): void;
  /** The card's summary as this transaction sees it, for event payloads. */
  summary(cardId: string): Promise<BoardEventPayloads['card.updated']['card']>;
}

type FullCard = NonNullable<Awaited<ReturnType<CardsRepository['full']>>['card']>;

/** The API's card from what `CardsRepository.full` read; 404 when there was no such card. */
function present(full: FullCard | null, config: PipelineConfig, now: Date): Card {
  if (!full) throw notFound('card');
  return toCard(full.row, full.values, full.attachments, config, now);
}

/**
 * Runs a card change as one transaction: the change, its history and its board events commit
 * together; the events are published only after commit. A rolled-back change publishes nothing.
 * History and events are queued and written in the transaction's last statement (with the card read
 * back, for `change`): each round trip to PostgreSQL costs more than the statement itself.
 */
@Injectable()
export class CardWriter {
  constructor(
    private readonly cards: CardsRepository,
    private readonly history: CardHistoryRepository,
    private readonly pipelines: PipelineRepository,
    private readonly boardEvents: BoardEventsRepository,
    private readonly hub: RealtimeHub,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
  ) {}

  async run<T>(actor: User | null, requestId: string | null, work: (ctx: WriteContext) => Promise<T>): Promise<T> {
    return (await this.write(actor, requestId, null, work)).value;
  }

  /** `run` for a change to one card, answered with the card as it is after commit. */
  async change(actor: User, requestId: string | null, cardId: string, work: (ctx: WriteContext) => Promise<unknown>): Promise<Card> {
    const { card, config } = await this.write(actor, requestId, cardId, work);
    return present(card, config, this.clock.now());
  }

  private async write<T>(
    actor: User | null,
    requestId: string | null,
    readBack: string | null,
    work: (ctx: WriteContext) => Promise<T>,
  ): Promise<{ value: T; card: FullCard | null; config: PipelineConfig }> {
    let pushes: PendingPush[] = [];
    let pipelineChanged = false;
    let published: string | null = null;
    const result = await this.cards.transaction(async (m) => {
      const config = await this.pipelines.load(m);
      const now = this.clock.now();
      const actorRef = actor ? { id: actor.id, name: actor.name } : null;
      const history: NewCardEvent[] = [];
      const events: NewBoardEvent[] = [];
      const notes: NotifyRequest[] = [];
      const ctx: WriteContext = {
        m,
        config,
        now,
        history: (e) => void history.push({ ...e, at: now }),
        emit: (type, payload) => void events.push({ pipelineId: config.pipeline.id, type, actor: actorRef, at: now, requestId, payload }),
        notify: (req) => void notes.push({ exceptUserId: actor?.id, ...req }),
        summary: async (cardId) => toSummary(await this.cards.summary(m, cardId), config, now),
      };
      const value = await work(ctx);
      // Each event takes its seq at commit (a deferred trigger), in the order queued here.
      const p = new SqlParams();
      const ctes = [
        `history AS (${this.history.insertSql(p.add(this.history.rows(history)))})`,
        `events AS (${this.boardEvents.insertSql(p.add(this.boardEvents.rows(events)))})`,
      ];
      const delivery = this.notifications.deliverSql(p, notes, now);
      if (delivery) ctes.push(delivery.ctes);
      const last = { ctes: ctes.join(',\n'), params: p.values, column: delivery?.column ?? 'NULL' };
      let card: FullCard | null = null;
      let notified: unknown = null;
      if (readBack) ({ card, after: notified } = await this.cards.full(readBack, m, last));
      else if (history.length || events.length || notes.length) [{ after: notified }] = await m.query(`WITH ${last.ctes} SELECT ${last.column} AS after`, last.params);
      pushes = this.notifications.pushes(notified as NotifiedRows | null);
      if (events.length) published = config.pipeline.id;
      pipelineChanged = events.some((e) => e.type === 'board.changed');
      return { value, card, config };
    });
    // This instance reads its own change at once; the others drop their cache on the NOTIFY.
    if (pipelineChanged) this.pipelines.invalidate();
    if (published) await this.hub.publish(published);
    for (const push of pushes) push();
    return result;
  }

  /** The whole card, read in one query; 404 when there is none. */
  async read(cardId: string, config: PipelineConfig, now: Date, m?: EntityManager): Promise<Card> {
    return present((await this.cards.full(cardId, m)).card, config, now);
  }

  /** A 409 carrying the card as it is now and who last changed it, or a 404 when there is no such card. */
  async conflict(m: EntityManager, config: PipelineConfig, now: Date, id: string): Promise<never> {
    const card = await this.read(id, config, now, m);
    const last = await this.cards.lastChange(m, id);
    throw new DomainError(
      'VERSION_CONFLICT',
      `The card changed since you loaded it${last?.actor ? ` (${last.actor.name})` : ''}; here is its current state`,
      { card, changedBy: last?.actor ?? null, changedAt: last?.at ?? null },
    );
  }
}
