import { Injectable } from '@nestjs/common';
import type { BoardEventName, BoardEventPayloads, Card, User } from '@relay/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DomainError, notFound } from '../../common/domain-error.js';
import { PipelineRepository, type PipelineConfig } from '../pipeline/pipeline.repository.js';
import { BoardEventsRepository, type NewBoardEvent } from '../realtime/board-events.repository.js';
import { NotificationsService, type NotifyRequest } from '../notifications/notifications.service.js';
import type { NotifiedRows } from '../notifications/notifications.repository.js';
import { SqlParams } from '../../common/sql.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { toCard, summaryFromRow } from './card-mapper.js';
import { CardHistoryRepository, type NewCardEvent } from './card-history.repository.js';
import { CardsRepository } from './cards.repository.js';

/** What a change can queue: written in its last statement, published and pushed after commit. */
interface Queue {
  config: PipelineConfig;
  now: Date;
  /** Queues a line of the card's history, written with the board events at the end of the change. */
  history(e: Omit<NewCardEvent, 'at'>): void;
  /** Queues a board event, recorded at the end of the change and published after commit. */
  emit<N extends BoardEventName>(type: N, payload: BoardEventPayloads[N]): void;
  /** Queues notifications, recorded at the end of the change and pushed live after commit. */
  notify(req: NotifyRequest): void;
}

export interface WriteContext extends Queue {
  /** The change's transaction. */
  m: EntityManager;
  /** The card's summary as this transaction sees it, for event payloads. */
  summary(cardId: string): Promise<BoardEventPayloads['card.updated']['card']>;
}

/** A change decided on a card as read (`CardWriter.decide`): the parameters of its one statement. */
export interface DecideContext extends Queue {
  params: SqlParams;
}

export type FullCard = NonNullable<Awaited<ReturnType<CardsRepository['full']>>['card']>;

/** The API's card from what `CardsRepository.full` read; 404 when there was no such card. */
function present(full: FullCard | null, config: PipelineConfig, now: Date): Card {
  if (!full) throw notFound('card');
  return toCard(full.row, full.values, full.attachments, config, now);
}

/** A change's queued writes, and what to do once it has committed. */
interface Pending {
  history: NewCardEvent[];
  events: NewBoardEvent[];
  notes: NotifyRequest[];
}

/**
 * Writes card changes so that a change, its history, its board events and its notifications commit
 * together; the events are published and the notifications pushed only after commit. History, events and
 * notifications are queued and written in the change's last statement: each round trip to PostgreSQL
 * costs more than the statement itself.
 * - `run` / `change`: a transaction, for changes that read and write as they go.
 * - `decide`: a change decided in Node on the card as read, written in one statement guarded by the
 *   card's version: no transaction round trips at all.
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

  /**
   * A change to one card decided on the card as read at `version` (a 409 when it is at another), written
   * in one statement without a transaction. `work` checks the change against the card read (`read`),
   * queues what it records, and answers its UPDATE — guarded by that version, RETURNING the changed row —
   * with the card as that update leaves it. History, events and notifications are written in the same
   * statement only if the update applied; if the card changed meanwhile, nothing is written and the answer
   * is the usual 409 with the card as it is now.
   */
  async decide(
    actor: User,
    requestId: string | null,
    cardId: string,
    version: number,
    work: (ctx: DecideContext, read: FullCard) => { update: string; after: Card },
  ): Promise<Card> {
    const config = await this.pipelines.load();
    const now = this.clock.now();
    const { card: read } = await this.cards.full(cardId);
    if (!read) throw notFound('card');
    // Stale already: the 409 carries the card just read.
    if (read.row.version !== version) return this.conflict(config, now, cardId, undefined, present(read, config, now));
    const { queue, pending } = this.queue(actor, requestId, config, now);
    const params = new SqlParams();
    const { update, after } = work({ ...queue, params }, read);
    const last = this.lastStatement(params, pending, now, 'EXISTS (SELECT FROM guard)');
    const [{ applied, after: notified }] = await this.cards.query(
      `WITH guard AS (${update}), ${last.ctes} SELECT (SELECT count(*) FROM guard)::int AS applied, ${last.column} AS after`,
      params.values,
    );
    if (applied === 0) return this.conflict(config, now, cardId);
    this.committed(config, pending, notified);
    return after;
  }

  private queue(actor: User | null, requestId: string | null, config: PipelineConfig, now: Date): { queue: Queue; pending: Pending } {
    const actorRef = actor ? { id: actor.id, name: actor.name } : null;
    const pending: Pending = { history: [], events: [], notes: [] };
    const queue: Queue = {
      config,
      now,
      history: (e) => void pending.history.push({ ...e, at: now }),
      emit: (type, payload) =>
        void pending.events.push({ pipelineId: config.pipeline.id, type, actor: actorRef, at: now, requestId, payload }),
      notify: (req) => void pending.notes.push({ exceptUserId: actor?.id, ...req }),
    };
    return { queue, pending };
  }

  /**
   * The queued writes as CTEs over `params`, and the select-list expression answering what the
   * notifications did. `when`: a condition the writes need (a guard elsewhere in the statement).
   */
  private lastStatement(params: SqlParams, pending: Pending, now: Date, when: string | null = null) {
    // Events are numbered when the hub publishes them, in the order queued here.
    const ctes = [
      `history AS (${this.history.insertSql(params.add(this.history.rows(pending.history)), when)})`,
      `events AS (${this.boardEvents.insertSql(params.add(this.boardEvents.rows(pending.events)), when)})`,
    ];
    const delivery = this.notifications.deliverSql(params, pending.notes, now, when);
    if (delivery) ctes.push(delivery.ctes);
    return { ctes: ctes.join(',\n'), column: delivery?.column ?? 'NULL' };
  }

  /**
   * After commit: starts publishing the events (the answer does not wait for the board's fan-out), refreshes
   * this instance's pipeline, pushes the notifications.
   */
  private committed(config: PipelineConfig, pending: Pending, notified: unknown): void {
    // This instance reads its own change at once; the others drop their cache on the NOTIFY.
    if (pending.events.some((e) => e.type === 'board.changed')) this.pipelines.invalidate();
    if (pending.events.length) void this.hub.publish(config.pipeline.id);
    for (const push of this.notifications.pushes(notified as NotifiedRows | null)) push();
  }

  private async write<T>(
    actor: User | null,
    requestId: string | null,
    readBack: string | null,
    work: (ctx: WriteContext) => Promise<T>,
  ): Promise<{ value: T; card: FullCard | null; config: PipelineConfig }> {
    let pending: Pending | null = null;
    let notified: unknown = null;
    const result = await this.cards.transaction(async (m) => {
      const config = await this.pipelines.load(m);
      const now = this.clock.now();
      const q = this.queue(actor, requestId, config, now);
      pending = q.pending;
      const ctx: WriteContext = {
        ...q.queue,
        m,
        summary: async (cardId) => summaryFromRow(await this.cards.summary(m, cardId), config, now),
      };
      const value = await work(ctx);
      const { history, events, notes } = q.pending;
      const params = new SqlParams();
      const last = this.lastStatement(params, q.pending, now);
      let card: FullCard | null = null;
      if (readBack) ({ card, after: notified } = await this.cards.full(readBack, m, { ...last, params: params.values }));
      else if (history.length || events.length || notes.length)
        [{ after: notified }] = await m.query(`WITH ${last.ctes} SELECT ${last.column} AS after`, params.values);
      return { value, card, config };
    });
    this.committed(result.config, pending!, notified);
    return result;
  }

  /** The whole card, read in one query; 404 when there is none. */
  async read(cardId: string, config: PipelineConfig, now: Date, m?: EntityManager): Promise<Card> {
    return present((await this.cards.full(cardId, m)).card, config, now);
  }

  /**
   * A 409 carrying the card as it is now (`current`, when the caller has just read it) and who last changed
   * it, or a 404 when there is no such card.
   */
  async conflict(config: PipelineConfig, now: Date, id: string, m?: EntityManager, current?: Card): Promise<never> {
    const card = current ?? (await this.read(id, config, now, m));
    const last = await this.cards.lastChange(id, m);
    throw new DomainError(
      'VERSION_CONFLICT',
      `The card changed since you loaded it${last?.actor ? ` (${last.actor.name})` : ''}; here is its current state`,
      { card, changedBy: last?.actor ?? null, changedAt: last?.at ?? null },
    );
  }
}
