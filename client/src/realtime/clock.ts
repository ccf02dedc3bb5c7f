import { useSyncExternalStore } from 'react';
import { useBoardStore } from './board-store';

/**
 * "Now", read again every `periodMs` while anyone listens (the timer runs only then): a store that
 * useSyncExternalStore can follow.
 */
export class Ticker {
  private current = Date.now();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly periodMs: number) {}

  readonly now = (): number => this.current;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.timer ??= setInterval(() => {
      this.current = Date.now();
      this.listeners.forEach((l) => l());
    }, this.periodMs);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  };
}

/** The page's one 30-second tick. */
const pipelineTick = new Ticker(30_000);

/** The pipeline's "now" in ms, ticking every 30 s: time in lane and health move on without a refetch. */
export function usePipelineNow(): number {
  const tick = useSyncExternalStore(pipelineTick.subscribe, pipelineTick.now);
  const offset = useBoardStore((s) => s.clockOffsetMs);
  return tick + offset;
}
