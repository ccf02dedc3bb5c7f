import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Notification, ServerToClientEvents } from '@relay/shared';
import type { Server } from 'socket.io';
import { BoardEventsRepository, CLAIM_LIMIT, type StoredBoardEvent } from './board-events.repository.js';

export const boardRoom = (pipelineId: string) => `board:${pipelineId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** Cards a batch of published board events changed; `all`: the pipeline itself changed. */
export type CardsChangedListener = (cardIds: ReadonlySet<string>, all: boolean) => void;

/**
 * The one relay from committed changes to sockets. A change hands it its board after commit, without
 * waiting: the hub claims the board's new events (numbering them, durably) and emits them in seq order.
 * Events a crash left unclaimed are swept up by `sweep()`.
 */
@Injectable()
export class RealtimeHub implements OnModuleDestroy {
  private server: Server<Record<string, never>, ServerToClientEvents> | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** Per board, the claim queued on the chain that has not started yet. */
  private readonly queued = new Map<string, Promise<void>>();
  private staleMark = 0;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('RealtimeHub');
  private readonly cardListeners: CardsChangedListener[] = [];

  constructor(private readonly events: BoardEventsRepository) {}

  attach(server: Server<Record<string, never>, ServerToClientEvents>, sweepMs = 5_000): void {
    this.server = server;
    if (sweepMs > 0)
      this.sweeper = setInterval(() => void this.sweep().catch((e) => this.logger.warn(`sweep failed: ${e}`)), sweepMs).unref();
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
          const events = await this.events.claim(pipelineId, CLAIM_LIMIT);
          this.emit(events);
          full = events.length === CLAIM_LIMIT;
        }
      } catch (err) {
        this.logger.warn(`publish: ${err}`);
      }
    });
    this.queued.set(pipelineId, claim);
    this.chain = claim;
    return claim;
  }

  /** Publishes the boards whose events stayed unclaimed across two sweeps (their publisher died). */
  async sweep(): Promise<void> {
    const previous = this.staleMark;
    this.staleMark = await this.events.unclaimedMark();
    if (previous === 0) return;
    for (const pipelineId of await this.events.boardsUnclaimedUpTo(previous)) await this.publish(pipelineId);
  }

  private emit(events: StoredBoardEvent[]): void {
    if (!this.server) return;
    for (const { pipelineId, event } of events) {
      (this.server.to(boardRoom(pipelineId)).emit as (name: string, payload: unknown) => boolean)(event.type, event);
    }
    if (this.cardListeners.length && events.length) this.tellCardListeners(events);
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

  notify(userId: string, notification: Notification, unread: number): void {
    this.server?.to(userRoom(userId)).emit('notification', { notification, unread });
  }

  /** Ends a person's live connections at once (deactivation) — on every instance, through the adapter. */
  async endUserSessions(userId: string, reason: string): Promise<void> {
    if (!this.server) return;
    this.server.to(userRoom(userId)).emit('session.ended', { reason });
    this.server.in(userRoom(userId)).disconnectSockets(true);
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

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}
