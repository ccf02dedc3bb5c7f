import argon2 from 'argon2';
import { DomainError } from '../../common/domain-error.js';

/**
 * argon2id at m = 7 MiB, t = 5, p = 1: of the settings OWASP rates equally strong (19 MiB with t = 2 among
 * them), the one with the least memory. A hash's memory is taken on a libuv thread, and glibc keeps it in that
 * thread's arena once freed, so each thread that ever checked a password holds it for good: with 19 MiB, up
 * to 76 MB of a server's memory. Sign-in is faster too (about 23 ms against 32 ms here).
 */
const SETTINGS = { type: argon2.argon2id, memoryCost: 7_168, timeCost: 5, parallelism: 1 } as const;

/**
 * argon2 runs on libuv's threadpool (4 threads), which file reads and writes, DNS look-ups and zlib share: a
 * burst of sign-ins queued on it stalls every download and upload behind them for seconds. So at most
 * `concurrent` hashes or checks run at once, the rest wait in a queue of at most `queued`; beyond that the
 * request is refused at once (503) rather than waiting for ever. At 2 at once, a full queue drains in about
 * a second and a half.
 */
export const ARGON2_LIMITS = { concurrent: 2, queued: 64 } as const;

/** What argon2 has done in this process: the gauge the tests and a curious operator read. */
export const argon2Stats = { running: 0, peak: 0, waiting: 0, hashes: 0, verifies: 0, refused: 0 };

const waiters: (() => void)[] = [];

const busy = () => new DomainError('UNAVAILABLE', 'Too many sign-ins at once; try again in a moment');

/** Refuses at once (503) when argon2's queue is full: a request that would be refused anyway does no other work first. */
export function assertArgon2Capacity(): void {
  if (argon2Stats.running >= ARGON2_LIMITS.concurrent && waiters.length >= ARGON2_LIMITS.queued) {
    argon2Stats.refused++;
    throw busy();
  }
}

/** Runs `work` when a slot is free; throws 503 UNAVAILABLE when the queue is full. */
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (argon2Stats.running >= ARGON2_LIMITS.concurrent) {
    if (waiters.length >= ARGON2_LIMITS.queued) {
      argon2Stats.refused++;
      throw busy();
    }
    argon2Stats.waiting++;
    // A finishing operation hands its slot straight to the first waiter (running stays counted).
    await new Promise<void>((resolve) => waiters.push(resolve));
    argon2Stats.waiting--;
  } else {
    argon2Stats.running++;
  }
  argon2Stats.peak = Math.max(argon2Stats.peak, argon2Stats.running);
  try {
    return await work();
  } finally {
    const next = waiters.shift();
    if (next) next();
    else argon2Stats.running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => {
    argon2Stats.hashes++;
    return argon2.hash(password, SETTINGS);
  });
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  return limited(async () => {
    argon2Stats.verifies++;
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  });
}

/** Whether a stored hash was made with other settings: it is replaced when its person next signs in. */
export function needsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, SETTINGS);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which part was wrong. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  // Made outside the limit (once per process): a refusal must not stick in the cached promise.
  dummy ??= argon2.hash('relay-dummy-password', SETTINGS);
  return dummy;
}
