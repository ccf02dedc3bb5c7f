import { useSyncExternalStore } from 'react';
import { useBoardStore } from './board-store';

const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  if (!timer) {
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, TICK_MS);
  }
  return () => {
    listeners.delete(cb);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The pipeline's "now" in ms, ticking every 30 s: time in lane and health move on without a refetch. */
export function usePipelineNow(): number {
  const tick = useSyncExternalStore(subscribe, () => now);
  const offset = useBoardStore((s) => s.clockOffsetMs);
  return tick + offset;
}
