import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { BoardEvent, Notification, ServerToClientEvents } from '@relay/shared';
import type { Server } from 'socket.io';
import { ChangeSignals } from '../../common/change-signals.js';
import { DatabaseStatus } from '../../common/database-status.js';
import { BoardEventsRepository, CLAIM_LIMIT, type StoredBoardEvent } from './board-events.repository.js';

export const boardRoom = (pipelineId: string) => `board:${pipelineId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** How often every instance sweeps for events a dead instance left behind. */
export const SWEEP_MS = 500;
/** Unclaimed events are looked for every this many sweeps (they are claimed once seen on two looks: 2–4 s). */
const UNCLAIMED_EVERY = 4;
/**
 * An event numbered and not emitted is emitted by the sweep once it is ORPHAN_GRACE_MS old when its instance
 * is gone (its lease lock is free), and once it is UNEMITTED_AFTER_MS old in any case (its instance lives but
 * could not mark it published, e.g. the database went away meanwhile).
 */
export const ORPHAN_GRACE_MS = 1_000;
export const UNEMITTED_AFTER_MS = 30_000;

/** Cards a batch of published board events changed; `all`: the pipeline itself changed. */
export type CardsChangedListener = (cardIds: ReadonlySet<string>, all: boolean) => void;

/**
 * The one relay from committed changes to sockets. A change hands it its board after commit, without
 * waiting: the hub claims the board's new events (numbering them, durably) and emits them in seq order;
 * once the socket adapter has sent them on, they are marked published. Events a crash left behind — committed
 * but unnumbered, or numbered but never emitted — are swept up by `sweep()`, at start-up and every
 * SWEEP_MS on every instance.
 */
@Injectable()
export class RealtimeHub implements OnModuleDestroy {
  private server: Server<Record<string, never>, ServerToClientEvents> | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** Per board, the claim queued on the chain that has not started yet. */
  private readonly queued = new Map<string, Promise<void>>();
  private staleMark = 0;
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private sweeps = 0;
  /** Emitted events waiting to be marked published, and the pending write of those marks. */
  private emitted: string[] = [];
  private marking: NodeJS.Timeout | null = null;
  private marked: Promise<void> = Promise.resolve();
  private readonly logger = new Logger('RealtimeHub');
  private readonly cardListeners: CardsChangedListener[] = [];

  constructor(
    private readonly events: BoardEventsRepository,
    private readonly database: DatabaseStatus,
    private readonly signals: ChangeSignals,
  ) {}

  /**
   * Starts emitting to `server`. The first sweep runs at once and takes everything a crashed instance left
   * (without waiting for a second sweep to tell stale from in flight), so clients reconnecting after a crash
   * converge at once; later sweeps run every `sweepMs`.
   */
  attach(server: Server<Record<string, never>, ServerToClientEvents>, sweepMs = SWEEP_MS): void {
    this.server = server;
    if (sweepMs <= 0) return;
    const run = (all: boolean) => {
      if (this.sweeping) return;
      this.sweeping = this.sweep(all, this.sweeps++ % UNCLAIMED_EVERY === 0)
        .catch((e) => {
          if (!this.database.check(e)) this.logger.warn(`sweep failed: ${e}`);
        })
        .finally(() => (this.sweeping = null));
    };
    run(true);
    this.sweeper = setInterval(() => run(false), sweepMs).unref();
  }

  /**
   * Publishes a board's committed events. Claims are chained, so this instance emits in seq order; a claim
   * takes every committed event not yet numbered, so calls queued behind one that has not started yet share
   * it. Never rejects: what a failed claim leaves is delivered by the next publish or the sweep.
   */
  publish(pipelineId: string): Promise<void> {
    const queued = this.queued.get(pipelineId);
    if (queued) return queued;
    const claim = this.chain.then(async () => {
      this.queued.delete(pipelineId);
      try {
        for (let full = true; full;) {
          const events = await this.events.claim(pipelineId, CLAIM_LIMIT, this.signals.instanceKey);
          this.emit(events);
          full = events.length === CLAIM_LIMIT;
        }
      } catch (err) {
        if (!this.database.check(err)) this.logger.warn(`publish: ${err}`);
      }
    });
    this.queued.set(pipelineId, claim);
    this.chain = claim;
    return claim;
  }

  /**
   * With `unclaimed`, publishes the boards whose events stayed unclaimed since the previous such look (with
   * `all`, any unclaimed event: at start-up, what is there was left by a crash). Then emits events numbered and
   * never emitted whose instance is gone (see UNEMITTED_AFTER_MS).
   */
  async sweep(all = false, unclaimed = true): Promise<void> {
    if (all || unclaimed) {
      const previous = this.staleMark;
      this.staleMark = await this.events.unclaimedMark();
      const upTo = all ? this.staleMark : previous;
      if (upTo > 0) for (const pipelineId of await this.events.boardsUnclaimedUpTo(upTo)) await this.publish(pipelineId);
    }
    const orphans = await this.events.unemitted(ORPHAN_GRACE_MS, UNEMITTED_AFTER_MS, CLAIM_LIMIT);
    if (orphans.length === 0) return;
    this.logger.warn(`emitting ${orphans.length} board event(s) numbered by an instance that stopped before emitting them`);
    const emit = this.chain.then(() => this.emit(orphans));
    this.chain = emit;
    await emit;
  }

  /**
   * Emits in seq order. The socket adapter sends broadcasts on in the order they are made (PostgresPubSub
   * chains them), so every socket, here or on another instance, receives this instance's events in order.
   * Once the adapter has sent them, they are marked published (in batches).
   */
  private emit(events: StoredBoardEvent[]): void {
    if (!this.server || events.length === 0) return;
    for (const { pipelineId, event } of events) {
      (this.server.to(boardRoom(pipelineId)).emit as (name: string, payload: unknown) => boolean)(event.type, event);
    }
    if (this.cardListeners.length) this.tellCardListeners(events);
    const ids = events.map((e) => e.id);
    void this.adapterDrained().then(() => {
      this.emitted.push(...ids);
      this.marking ??= setTimeout(() => void this.writeMarks(), 50);
    });
  }

  private adapterDrained(): Promise<void> {
    const adapter = this.server?.of('/').adapter as { drained?: () => Promise<void> } | undefined;
    return adapter?.drained?.() ?? Promise.resolve();
  }

  private writeMarks(): Promise<void> {
    if (this.marking) clearTimeout(this.marking);
    this.marking = null;
    const ids = this.emitted;
    this.emitted = [];
    if (ids.length === 0) return this.marked;
    // Unmarked events (the database went away) are emitted again by a sweep: clients ignore seqs they have.
    this.marked = this.marked
      .then(() => this.events.markPublished(ids))
      .catch((e) => void (this.database.check(e) || this.logger.warn(`marking events published failed: ${e}`)));
    return this.marked;
  }

  /** Hears which cards each published batch changed, after the board has been sent it (the customer's tracker). */
  onCardsChanged(listener: CardsChangedListener): void {
    this.cardListeners.push(listener);
  }

  private tellCardListeners(events: StoredBoardEvent[]): void {
    const ids = new Set<string>();
    let all = false;
    for (const { event } of events) {
      if (event.type === 'board.changed') all = true;
      else if ('card' in event) ids.add(event.card.id);
    }
    for (const listener of this.cardListeners) {
      try {
        listener(ids, all);
      } catch (err) {
        this.logger.warn(`card listener: ${err}`);
      }
    }
  }

  /** The board's events after `seq`, in seq order, at most `limit` (a client catching up). */
  eventsAfter(pipelineId: string, seq: number, limit: number): Promise<BoardEvent[]> {
    return this.events.after(pipelineId, seq, limit);
  }

  notify(userId: string, notification: Notification, unread: number): void {
    this.server?.to(userRoom(userId)).emit('notification', { notification, unread });
  }

  /** Ends a person's live connections at once (deactivation) — on every instance, through the adapter. */
  async endUserSessions(userId: string, reason: string): Promise<void> {
    if (!this.server) return;
    this.server.to(userRoom(userId)).emit('session.ended', { reason });
    this.server.in(userRoom(userId)).disconnectSockets(true);
  }

  /** Closes the person's sockets of every session but `keep` (a password change keeps the session making it). */
  async endOtherSessions(userId: string, keep: string, reason: string): Promise<void> {
    if (!this.server) return;
    this.server.to(userRoom(userId)).except(sessionRoom(keep)).emit('session.ended', { reason });
    this.server.in(userRoom(userId)).except(sessionRoom(keep)).disconnectSockets(true);
  }

  async endSession(sessionId: string): Promise<void> {
    if (!this.server) return;
    this.server.to(sessionRoom(sessionId)).emit('session.ended', { reason: 'signed out' });
    this.server.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  /** Waits for the publishes queued so far: a stuck-scan round before it ends, shutdown, and tests. */
  flush(): Promise<void> {
    return this.chain;
  }

  /** As `flush`, and until what was emitted is sent on by the adapter and marked published (shutdown). */
  async settle(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await this.sweeping;
    await this.chain;
    await this.adapterDrained();
    await new Promise((r) => setImmediate(r));
    await this.writeMarks();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.marking) clearTimeout(this.marking);
  }
}
