import { Injectable } from '@nestjs/common';
import type { BoardEventName, BoardEventPayloads, User } from '@relay/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DomainError, notFound } from '../../common/domain-error.js';
import { PipelineRepository, type PipelineConfig } from '../pipeline/pipeline.repository.js';
import { BoardEventsRepository, type StoredBoardEvent } from '../realtime/board-events.repository.js';
import { NotificationsService, type NotifyRequest, type PendingPush } from '../notifications/notifications.service.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { toCard, toSummary } from './card-mapper.js';
import { CardsRepository } from './cards.repository.js';

export interface WriteContext {
  m: EntityManager;
  config: PipelineConfig;
  now: Date;
  /** Queues a board event, recorded at the end of the transaction and published after commit. */
  emit<N extends BoardEventName>(type: N, payload: BoardEventPayloads[N]): void;
  /** Records notifications in this transaction; they are pushed live after commit. */
  notify(req: NotifyRequest): Promise<void>;
  /** The card's summary as this transaction sees it, for event payloads. */
  summary(cardId: string): Promise<BoardEventPayloads['card.updated']['card']>;
}

/**
 * Runs a card change as one transaction: the change, its history and its board events commit
 * together; the events are published only after commit. A rolled-back change publishes nothing.
 */
@Injectable()
export class CardWriter {
  constructor(
    private readonly cards: CardsRepository,
    private readonly pipelines: PipelineRepository,
    private readonly boardEvents: BoardEventsRepository,
    private readonly hub: RealtimeHub,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
  ) {}

  async run<T>(actor: User | null, requestId: string | null, work: (ctx: WriteContext) => Promise<T>): Promise<T> {
    const stored: StoredBoardEvent[] = [];
    const pushes: PendingPush[] = [];
    const result = await this.cards.transaction(async (m) => {
      const config = await this.pipelines.load(m);
      const now = this.clock.now();
      const queued: { type: BoardEventName; payload: BoardEventPayloads[BoardEventName] }[] = [];
      const ctx: WriteContext = {
        m,
        config,
        now,
        emit: (type, payload) => void queued.push({ type, payload }),
        notify: async (req) => void pushes.push(...(await this.notifications.notify(m, { exceptUserId: actor?.id, ...req }, now))),
        summary: async (cardId) => toSummary(await this.cards.summary(m, cardId), config, now),
      };
      const value = await work(ctx);
      // Last in the transaction: taking a seq locks the pipeline row until commit, keeping seqs in commit order.
      for (const q of queued) {
        const actorRef = actor ? { id: actor.id, name: actor.name } : null;
        stored.push(
          await this.boardEvents.record(m, {
            pipelineId: config.pipeline.id,
            type: q.type,
            actor: actorRef,
            at: now,
            requestId,
            payload: q.payload,
          }),
        );
      }
      return value;
    });
    await this.hub.publish(stored);
    for (const push of pushes) push();
    return result;
  }

  /** A 409 carrying the card as it is now and who last changed it, or a 404 when there is no such card. */
  async conflict(m: EntityManager, config: PipelineConfig, now: Date, id: string): Promise<never> {
    const row = await this.cards.find(id, m);
    if (!row) throw notFound('card');
    const [values, attachments, last] = [
      await this.cards.values(id, m),
      await this.cards.attachments(id, m),
      await this.cards.lastChange(m, id),
    ];
    throw new DomainError(
      'VERSION_CONFLICT',
      `The card changed since you loaded it${last?.actor ? ` (${last.actor.name})` : ''}; here is its current state`,
      {
        card: toCard(row, values, attachments, config, now),
        changedBy: last?.actor ?? null,
        changedAt: last?.at ?? null,
      },
    );
  }
}
