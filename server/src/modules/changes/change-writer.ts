import { Inject, Injectable } from '@nestjs/common';
import type { BoardEventName, BoardEventPayloads, Card, CardSummary, User } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DomainError, notFound } from '../../common/domain-error.js';
import { ComposedStatement, SqlAnswer, type SqlCondition } from '../../common/sql.js';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { summaryFromRow, toCard } from '../cards/card-mapper.js';
import { CardsRepository, type CardSet, type FullCard } from '../cards/cards.repository.js';
import { NotificationsRepository, type NotifiedRows, type NotifyRequest } from '../notifications/notifications.repository.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { PipelineConfig } from '../pipeline/pipeline.repository.js';
import { PipelineService } from '../pipeline/pipeline.service.js';
import { BoardEventsRepository, type NewBoardEvent } from '../realtime/board-events.repository.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { CardHistoryRepository, type LatestLine, type NewCardEvent } from './card-history.repository.js';

/** What a change can queue: written in its last statement, published and pushed after commit. */
export interface Queue {
  config: PipelineConfig;
  now: Date;
  /** Queues a line of the card's history. */
  history(e: Omit<NewCardEvent, 'at'>): void;
  /** Queues a board event, published after commit. */
  emit<N extends BoardEventName>(type: N, payload: BoardEventPayloads[N]): void;
  /** Queues notifications, pushed live after commit. */
  notify(req: NotifyRequest): void;
}

export interface WriteContext extends Queue {
  /** The change's transaction. */
  m: EntityManager;
  /** The card's summary as this transaction sees it, for event payloads. */
  summary(cardId: string): Promise<CardSummary>;
  /** Throws the 409 of a card that changed since the caller loaded it, with the card as this transaction sees it (404 when there is none). */
  conflict(cardId: string): Promise<never>;
  /** These cards' summaries as this transaction sees them. */
  summaries(cardIds: string[]): Promise<CardSummary[]>;
  /** Records the health the stuck scan saw on cards (no version bump: time passing is not an edit). */
  recordHealth(rows: Parameters<CardsRepository['recordHealth']>[1]): Promise<void>;
}

/** A change decided on a card as read at its version: what to set, and the card as that leaves it. */
export interface Decision {
  set: CardSet;
  after: Card;
}

/** A change's queued writes. */
interface Pending {
  history: NewCardEvent[];
  events: NewBoardEvent[];
  notes: NotifyRequest[];
}

/** The API's card from what `CardsRepository.full` read; 404 when there was no such card. */
function present(full: FullCard | null, config: PipelineConfig, now: Date): Card {
  if (!full) throw notFound('card');
  return toCard(full.row, full.values, full.attachments, config, now);
}

/** The 409 of a card that changed since it was loaded: the card as it is now, and who changed it last. */
export function versionConflict(card: Card, last: Pick<LatestLine, 'actor' | 'at'> | null): DomainError {
  return new DomainError(
    'VERSION_CONFLICT',
    `The card changed since you loaded it${last?.actor ? ` (${last.actor.name})` : ''}; here is its current state`,
    { card, changedBy: last?.actor ?? null, changedAt: last ? new Date(last.at).toISOString() : null },
  );
}

/**
 * The application's change writer: every change to a card (and every line of its history, board event and
 * notification) is written here, so that a change and what it records commit together, and the events are
 * published and the notifications pushed only after commit. Callers hand it typed operations — what to set on a
 * card, history lines, events, notification requests — and it composes one statement from the parts the
 * repositories owning those tables build (each round trip to PostgreSQL costs more than the statement itself).
 * - `writeIfVersion`: a change decided in Node on the card as read, written in ONE statement guarded by the
 *   card's version, with no transaction round trips: history, events and notifications are written only if
 *   the guarded update applied.
 * - `run` / `change`: a transaction, for changes that read and write as they go; what they queued is written
 *   in its last statement.
 */
@Injectable()
export class ChangeWriter {
  constructor(
    private readonly db: DataSource,
    private readonly cards: CardsRepository,
    private readonly history: CardHistoryRepository,
    private readonly boardEvents: BoardEventsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly notified: NotificationsService,
    private readonly pipelines: PipelineService,
    private readonly hub: RealtimeHub,
    private readonly clock: Clock,
    @Inject(RELAY_CONFIG) private readonly config: Pick<RelayConfig, 'publicUrl'>,
  ) {}

  /**
   * Write-if-version: a change to one card decided on the card as read at `version` (a 409 with the card
   * read when it is at another). `decide` checks the change against the card read (and `last`, its latest
   * history line, read with it), queues what it records and answers what to set and the card as that leaves
   * it. If the card changed between the read and the write, nothing is written and the answer is the usual
   * 409 with the card as it is now. `tailOf`: a lane whose highest position the read also answers
   * (`read.laneTail`: where a card moved there goes).
   */
  async writeIfVersion(
    actor: User,
    requestId: string | null,
    cardId: string,
    version: number,
    decide: (q: Queue, read: FullCard, last: LatestLine | null) => Decision,
    tailOf: string | null = null,
  ): Promise<Card> {
    const config = await this.pipelines.load();
    const now = this.clock.now();
    const { card: read, last } = await this.readWithLatest(cardId, tailOf);
    if (!read) throw notFound('card');
    // Stale already: the 409 carries the card just read.
    if (read.row.version !== version) throw versionConflict(present(read, config, now), last);
    const { queue, pending } = this.queue(actor, requestId, config, now);
    const { set, after } = decide(queue, read, last);
    const s = new ComposedStatement();
    const guard = this.cards.updateIfVersion(s, { card: cardId, version, at: now, set });
    const notified = this.lastParts(s, pending, now, guard.applied);
    const answer = await s.run(this.db, { applied: guard.count, notified });
    if (answer.applied === 0) {
      const current = await this.readWithLatest(cardId, null);
      throw versionConflict(present(current.card, config, now), current.last);
    }
    this.committed(pending, answer.notified);
    return after;
  }

  async run<T>(actor: User | null, requestId: string | null, work: (ctx: WriteContext) => Promise<T>): Promise<T> {
    return (await this.write(actor, requestId, null, work)).value;
  }

  /** `run` for a change to one card, answered with the card as it is after commit. */
  async change(actor: User, requestId: string | null, cardId: string, work: (ctx: WriteContext) => Promise<unknown>): Promise<Card> {
    const { card, config } = await this.write(actor, requestId, cardId, work);
    return present(card, config, this.clock.now());
  }

  /** The whole card, read in one query; 404 when there is none. */
  async read(cardId: string, config: PipelineConfig, now: Date, m?: EntityManager): Promise<Card> {
    return present((await this.cards.full(cardId, m)).card, config, now);
  }

  /** The card's history, oldest first. */
  cardHistory(cardId: string) {
    return this.history.events(cardId);
  }

  /**
   * The card (and, with `tailOf`, that lane's last position) with its latest history line, in one query: read
   * before a decision, anything written to the card after it bumps the version the write is guarded by.
   */
  private async readWithLatest(cardId: string, tailOf: string | null): Promise<{ card: FullCard | null; last: LatestLine | null }> {
    const s = new ComposedStatement();
    const latest = this.history.latest(s, cardId);
    const { card, after } = await this.cards.full(cardId, undefined, { s, answer: latest }, tailOf);
    return { card, last: after };
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
   * Adds the queued writes to `s` (written only if `when` holds) and answers what reads what the
   * notifications did. Events are numbered when the hub publishes them, in the order queued here.
   */
  private lastParts(s: ComposedStatement, pending: Pending, now: Date, when: SqlCondition | null): SqlAnswer<NotifiedRows | null> {
    this.history.insert(s, pending.history, when);
    this.boardEvents.insert(s, pending.events, when);
    if (pending.notes.length === 0) return new SqlAnswer('NULL');
    return this.notifications.deliver(s, pending.notes, now, this.config.publicUrl, when);
  }

  /**
   * After commit: starts publishing the events (the answer does not wait for the board's fan-out), refreshes
   * this instance's pipeline, pushes the notifications.
   */
  private committed(pending: Pending, notified: NotifiedRows | null): void {
    if (pending.events.some((e) => e.type === 'board.changed')) this.pipelines.invalidate();
    if (pending.events.length) void this.hub.publish(pending.events[0].pipelineId);
    for (const push of this.notified.pushes(notified)) push();
  }

  private async write<T>(
    actor: User | null,
    requestId: string | null,
    readBack: string | null,
    work: (ctx: WriteContext) => Promise<T>,
  ): Promise<{ value: T; card: FullCard | null; config: PipelineConfig }> {
    let pending: Pending | null = null;
    let notified: NotifiedRows | null = null;
    // PostgreSQL's default, READ COMMITTED: naming it would cost a SET TRANSACTION statement per write.
    const result = await this.db.transaction(async (m) => {
      const config = await this.pipelines.load(m);
      const now = this.clock.now();
      const q = this.queue(actor, requestId, config, now);
      pending = q.pending;
      const ctx: WriteContext = {
        ...q.queue,
        m,
        summary: async (cardId) => summaryFromRow(await this.cards.summary(m, cardId), config, now),
        conflict: async (cardId) => {
          const card = present((await this.cards.full(cardId, m)).card, config, now);
          throw versionConflict(card, await this.history.lastChange(cardId, m));
        },
        summaries: async (ids) => (await this.cards.summariesByIds(m, ids)).map((r) => summaryFromRow(r, config, now)),
        recordHealth: (rows) => this.cards.recordHealth(m, rows),
      };
      const value = await work(ctx);
      const { history, events, notes } = q.pending;
      const s = new ComposedStatement();
      let card: FullCard | null = null;
      if (readBack || history.length || events.length || notes.length) {
        const answer = this.lastParts(s, q.pending, now, null);
        if (readBack) ({ card, after: notified } = await this.cards.full(readBack, m, { s, answer }));
        else ({ notified } = await s.run(m, { notified: answer }));
      }
      return { value, card, config };
    });
    this.committed(pending!, notified);
    return result;
  }
}
