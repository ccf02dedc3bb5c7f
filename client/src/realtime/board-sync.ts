import type { BoardEvent, BoardResponse } from '@relay/shared';
import { ApiError } from '../api/http';
import { HUGE_GAP, classifySeq, fromBoardResponse, replay, type BoardData } from './board-state';

export interface SyncDeps {
  fetchBoard(): Promise<BoardResponse>;
  fetchEvents(after: number): Promise<BoardEvent[]>;
  read(): BoardData | null;
  /** Stores new board data; `applied` are the events that led to it (empty after a full refetch). */
  write(data: BoardData, applied: BoardEvent[]): void;
  onError?(err: unknown): void;
  /** How long a gap in pushed events may wait for the missing seqs before a catch-up (default GAP_HOLD_MS). */
  gapHoldMs?: number;
}

/**
 * With several instances, each emits its own claims in order, but the streams of two instances interleave
 * at a socket a little out of order: an early event waits this long for the missing seqs (which normally
 * arrive within milliseconds) before the board asks the server for them.
 */
export const GAP_HOLD_MS = 1500;

/**
 * Keeps the board in step with the server's event stream: applies events in seq order,
 * ignores repeats, closes gaps from `GET /api/board/events`, and refetches the board when
 * the gap is huge, the server no longer has the events (410) or lanes changed. A gap among pushed
 * events is held for `gapHoldMs` first: events from another instance may simply be arriving late.
 * Work is serialised; events arriving meanwhile are buffered and applied afterwards.
 */
export class BoardSync {
  private buffer: BoardEvent[] = [];
  private reloads = 0;
  private running: Promise<void> | null = null;
  private gapTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: SyncDeps) {}

  /** Stops a pending gap timer (the board is going away). */
  dispose(): void {
    this.clearGapTimer();
  }

  /** Loads the whole board (first load, or when replaying is not possible). */
  load(): Promise<void> {
    return this.exclusive(() => this.reload());
  }

  /** An event pushed by the socket. */
  receive(event: BoardEvent): void {
    this.buffer.push(event);
    if (!this.running) void this.exclusive(async () => undefined);
  }

  /** After a reconnect: fetch whatever was missed while disconnected. */
  resync(): Promise<void> {
    return this.exclusive(() => this.catchUp());
  }

  /** Resolves once no work is pending (for tests and callers that need a settled board). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private exclusive(task: () => Promise<void>): Promise<void> {
    const previous = this.running ?? Promise.resolve();
    const run = previous
      .then(task)
      .then(() => this.drain())
      .catch((err: unknown) => this.deps.onError?.(err))
      .finally(() => {
        if (this.running === run) this.running = null;
      });
    this.running = run;
    return run;
  }

  /**
   * Applies buffered events; a gap is closed by catch-up. A board refetch happens at most once per
   * drain: if even that leaves a gap, the events stay buffered until the next one arrives.
   */
  private async drain(): Promise<void> {
    const reloadsBefore = this.reloads;
    for (let round = 0; round < 4 && this.buffer.length > 0; round++) {
      const data = this.deps.read();
      if (!data) {
        await this.reload();
        continue;
      }
      const outcome = this.applyPending(data, this.takeBuffer());
      if (outcome === 'done') continue;
      if (this.reloads > reloadsBefore) return;
      if (outcome === 'board') await this.reload();
      else if (this.holdGap()) return;
      else await this.catchUp();
    }
    if (this.buffer.length === 0) this.clearGapTimer();
  }

  /**
   * Leaves a gap among pushed events to close by itself for a while; once that has passed, catches up.
   * False when it must be closed now (no hold configured, or a gap too large to wait for).
   */
  private holdGap(): boolean {
    const hold = this.deps.gapHoldMs ?? GAP_HOLD_MS;
    const data = this.deps.read();
    const firstBuffered = Math.min(...this.buffer.map((e) => e.seq));
    if (hold <= 0 || !data || firstBuffered - data.seq > HUGE_GAP) return false;
    this.gapTimer ??= setTimeout(() => {
      this.gapTimer = null;
      void this.exclusive(() => this.catchUp());
    }, hold);
    return true;
  }

  private clearGapTimer(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }

  /** Replays events onto `data`, writes the outcome, keeps unapplied newer events buffered. */
  private applyPending(data: BoardData, events: BoardEvent[]): 'done' | 'gap' | 'board' {
    const result = replay(data, events);
    if (result.appliedEvents.length > 0) this.deps.write(result.data, result.appliedEvents);
    this.buffer.push(...events.filter((e) => e.seq > result.data.seq && !this.buffer.some((b) => b.seq === e.seq)));
    if (result.needsBoard) return 'board';
    return result.gapAt === null ? 'done' : 'gap';
  }

  private async catchUp(): Promise<void> {
    this.clearGapTimer();
    const data = this.deps.read();
    if (!data) return this.reload();
    const firstBuffered = Math.min(...this.buffer.map((e) => e.seq));
    if (Number.isFinite(firstBuffered) && firstBuffered - data.seq > HUGE_GAP) return this.reload();
    let missed: BoardEvent[];
    try {
      missed = await this.deps.fetchEvents(data.seq);
    } catch (err) {
      if (err instanceof ApiError && err.status === 410) return this.reload();
      throw err;
    }
    if (missed.length > HUGE_GAP) return this.reload();
    const outcome = this.applyPending(this.deps.read() ?? data, [...missed, ...this.takeBuffer()]);
    if (outcome !== 'done') return this.reload();
  }

  private async reload(): Promise<void> {
    this.reloads++;
    const board = await this.deps.fetchBoard();
    const data = fromBoardResponse(board);
    this.deps.write(data, []);
    // Events newer than the snapshot stay buffered; drain applies them (or catches up to them).
    this.buffer = this.buffer.filter((e) => classifySeq(data.seq, e.seq) !== 'stale');
  }

  private takeBuffer(): BoardEvent[] {
    const b = this.buffer;
    this.buffer = [];
    return b;
  }
}
