import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Notification, ServerToClientEvents } from '@relay/shared';
import type { Server } from 'socket.io';
import { BoardEventsRepository, type StoredBoardEvent } from './board-events.repository.js';

export const boardRoom = (pipelineId: string) => `board:${pipelineId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * The one relay from committed changes to sockets. Services hand it the events their
 * transaction recorded, after commit; it emits them in seq order and marks them published.
 * Events a crash left unpublished are swept up by `sweep()`.
 */
@Injectable()
export class RealtimeHub implements OnModuleDestroy {
  private server: Server<Record<string, never>, ServerToClientEvents> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private staleMark = 0;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('RealtimeHub');

  constructor(private readonly events: BoardEventsRepository) {}

  attach(server: Server<Record<string, never>, ServerToClientEvents>, sweepMs = 5_000): void {
    this.server = server;
    if (sweepMs > 0)
      this.sweeper = setInterval(() => void this.sweep().catch((e) => this.logger.warn(`sweep failed: ${e}`)), sweepMs).unref();
  }

  /** Publishes after commit. Calls are chained so one instance emits in the order it committed. */
  publish(events: StoredBoardEvent[]): Promise<void> {
    if (events.length === 0) return this.chain;
    const sorted = [...events].sort((a, b) => a.event.seq - b.event.seq);
    this.chain = this.chain.then(async () => {
      this.emit(sorted);
      const byPipeline = new Map<string, number[]>();
      for (const e of sorted) byPipeline.set(e.pipelineId, [...(byPipeline.get(e.pipelineId) ?? []), e.event.seq]);
      for (const [pipelineId, seqs] of byPipeline)
        await this.events.markPublished(pipelineId, seqs).catch((err) => this.logger.warn(`mark published: ${err}`));
    });
    return this.chain;
  }

  /** Publishes events that stayed unpublished across two sweeps (their publisher died). */
  async sweep(): Promise<number> {
    const previous = this.staleMark;
    this.staleMark = await this.events.maxUnpublished();
    if (previous === 0) return 0;
    const stale = await this.events.claimStale(previous);
    this.emit(stale);
    return stale.length;
  }

  private emit(events: StoredBoardEvent[]): void {
    if (!this.server) return;
    for (const { pipelineId, event } of events) {
      (this.server.to(boardRoom(pipelineId)).emit as (name: string, payload: unknown) => boolean)(event.type, event);
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

  /** Waits for queued publishes (tests and shutdown). */
  flush(): Promise<void> {
    return this.chain;
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}
