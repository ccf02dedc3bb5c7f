import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error.js';

/** Requests (and live-page connections) one address may make to /api/track/* and /track per minute. */
export const TRACK_REQUESTS_PER_MINUTE = 120;
/** Lookups of an unknown, expired or revoked link one address may make per 15 minutes. */
export const TRACK_MISSES_PER_WINDOW = 20;
const MISS_WINDOW_MS = 15 * 60_000;

interface Window {
  count: number;
  resetAt: number;
}

/** Fixed-window counters by key, forgetting windows that have ended. */
class Counter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one for `key`; false when that goes past the limit. */
  hit(key: string, now: number): boolean {
    if (this.windows.size > 50_000) this.prune(now);
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      return true;
    }
    w.count++;
    return w.count <= this.limit;
  }

  over(key: string, now: number): boolean {
    const w = this.windows.get(key);
    return !!w && w.resetAt > now && w.count >= this.limit;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}

/**
 * Per-address limits on the customer's tracker (the page is on the open internet): a request budget, and a
 * much smaller one for links that resolve to nothing, so guessing tokens is slower still than 2^256 makes it.
 * Kept in memory per instance (real time, not the test clock): with N instances an address gets up to N
 * times the budget, which is acceptable for a limit meant to stop floods and scanners. One instance serves
 * the HTTP routes and the `/track` socket handshakes, so a socket cannot be used to go round the budget.
 */
@Injectable()
export class TrackRateLimit {
  private readonly requests = new Counter(TRACK_REQUESTS_PER_MINUTE, 60_000);
  private readonly misses = new Counter(TRACK_MISSES_PER_WINDOW, MISS_WINDOW_MS);

  /** Counts a request (or a socket handshake); false when the address is past either budget. */
  allows(address: string): boolean {
    const now = Date.now();
    return this.requests.hit(address, now) && !this.misses.over(address, now);
  }

  /** Counts a request; a 429 when the address is past either budget. */
  check(address: string): void {
    if (!this.allows(address)) throw new DomainError('RATE_LIMITED', 'Too many requests for this page; try again in a few minutes');
  }

  /** Counts a link that led nowhere. */
  missed(address: string): void {
    this.misses.hit(address, Date.now());
  }
}
