import { formatDuration, health, type CardSummary, type Health, type Lane } from '@relay/shared';

/** Minutes from an ISO time to `nowMs`, never negative. */
export function minutesSince(iso: string, nowMs: number): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : Math.max(0, Math.floor((nowMs - t) / 60_000));
}

/** "1d", "5d", "12h": a lane's time limit. */
export function formatLimit(hours: number | null): string {
  if (hours === null) return 'no limit';
  if (hours % 24 === 0) return `${hours / 24}d`;
  return `${hours}h`;
}

export interface LiveHealth {
  health: Health;
  overdueMinutes: number;
}

const RANK: Record<Health, number> = { ok: 0, at_risk: 1, stuck: 2 };

/**
 * The card's health as of `nowMs` (the pipeline's clock, as estimated): the server's reading,
 * worsened by the time that has passed since — health only gets worse while a card sits still.
 */
export function liveHealth(
  card: Pick<CardSummary, 'health' | 'overdueMinutes' | 'enteredLaneAt'>,
  lane: Pick<Lane, 'timeLimitHours'> | undefined,
  nowMs: number,
): LiveHealth {
  const local = health(card.enteredLaneAt, lane?.timeLimitHours ?? null, nowMs);
  const worst = RANK[local.health] > RANK[card.health] ? local.health : card.health;
  return { health: worst, overdueMinutes: Math.max(local.overdueMinutes, card.overdueMinutes) };
}

/**
 * How far the pipeline's clock is ahead of this browser's, from stuck cards (whose overdue time pins
 * the server's "now") — it differs under the test clock. Returns 0 when nothing tells.
 */
export function estimateClockOffset(cards: Iterable<CardSummary>, lanes: readonly Lane[], clientNowMs: number): number {
  const limits = new Map(lanes.map((l) => [l.id, l.timeLimitHours]));
  let best = 0;
  for (const c of cards) {
    const limit = limits.get(c.laneId);
    if (c.health !== 'stuck' || limit == null) continue;
    const serverNow = Date.parse(c.enteredLaneAt) + limit * 3_600_000 + c.overdueMinutes * 60_000;
    if (!Number.isNaN(serverNow)) best = Math.max(best, serverNow - clientNowMs);
  }
  return best;
}

/** "just now" under a minute, else the compact duration ("2h", "1d 3h") since `iso`. */
export function durationSince(iso: string, nowMs: number): string {
  const minutes = minutesSince(iso, nowMs);
  return minutes < 1 ? 'just now' : formatDuration(minutes);
}
