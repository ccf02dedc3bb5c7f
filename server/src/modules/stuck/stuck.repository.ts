import { Injectable } from '@nestjs/common';
import type { Health } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { laneLimitStart } from '../../common/sql.js';
import { T } from '../../database/schema/index.js';

const { cards: C, lanes: L, nudges: G, cardEvents: E } = T;

export interface ScanCandidate {
  id: string;
  title: string;
  laneId: string;
  laneVisit: number;
  enteredLaneAt: Date;
  assigneeId: string | null;
  healthState: Health;
  nudgeLevel: number;
}

/** The one advisory lock that makes the stuck scan single-leader across instances. */
export const STUCK_SCAN_LOCK = 727010;

/** Queries of the stuck scan, the stuck list and the metrics. */
@Injectable()
export class StuckRepository {
  constructor(private readonly db: DataSource) {}

  async tryLeaderLock(m: EntityManager): Promise<boolean> {
    const [r] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [STUCK_SCAN_LOCK]);
    return r.ok;
  }

  /**
   * Cards whose health or due nudge level moved past what was last recorded. Each lane is read
   * by an index range scan on (lane_id, entered_lane_at) bounded at the at-risk threshold, so the
   * cost follows the number of at-risk and stuck cards, not the size of the board. OFFSET 0 keeps
   * PostgreSQL from flattening the LATERAL into a hash join that reads every card (it cannot estimate
   * the per-lane bound, guesses a third of the table, and prefers a full scan: 70 ms at 100,000 cards).
   */
  candidates(m: EntityManager, pipelineId: string, now: Date, atRiskFraction: number, escalationFactor: number): Promise<ScanCandidate[]> {
    return m.query(
      `SELECT c.${C.c.id}, c.${C.c.customerName} AS title, c.${C.c.laneId} AS "laneId", c.${C.c.laneVisit} AS "laneVisit", c.${C.c.enteredLaneAt} AS "enteredLaneAt",
              c.${C.c.assigneeId} AS "assigneeId", c.${C.c.healthState} AS "healthState", c.${C.c.nudgeLevel} AS "nudgeLevel"
         FROM ${L.table} l CROSS JOIN LATERAL (
           SELECT c.* FROM ${C.table} c
            WHERE c.${C.c.laneId} = l.${L.c.id} AND c.${C.c.enteredLaneAt} < ${laneLimitStart('$2', 'l', '$3')}
            OFFSET 0
         ) c
        WHERE l.${L.c.pipelineId} = $1 AND l.${L.c.timeLimitHours} IS NOT NULL AND NOT l.${L.c.terminal}
          AND (c.${C.c.healthState} <> CASE WHEN c.${C.c.enteredLaneAt} < ${laneLimitStart('$2')} THEN 'stuck' ELSE 'at_risk' END
            OR c.${C.c.nudgeLevel} < CASE
                 WHEN c.${C.c.enteredLaneAt} < ${laneLimitStart('$2', 'l', '$4')} THEN 2
                 WHEN c.${C.c.enteredLaneAt} < ${laneLimitStart('$2')} THEN 1
                 ELSE 0 END)`,
      [pipelineId, now, atRiskFraction, escalationFactor],
    );
  }

  /** Records nudges; the primary key (card, visit, level) lets each happen once. Returns the ones that are new. */
  async recordNudges(
    m: EntityManager,
    rows: { cardId: string; visit: number; level: number; laneId: string }[],
    at: Date,
  ): Promise<{ cardId: string; level: number }[]> {
    if (rows.length === 0) return [];
    return m.query(
      `INSERT INTO ${G.table} (${G.c.cardId}, ${G.c.laneVisit}, ${G.c.level}, ${G.c.laneId}, ${G.c.at})
       SELECT * , $5::timestamptz FROM unnest($1::uuid[], $2::int[], $3::smallint[], $4::uuid[])
       ON CONFLICT DO NOTHING RETURNING ${G.c.cardId} AS "cardId", ${G.c.level}`,
      [rows.map((r) => r.cardId), rows.map((r) => r.visit), rows.map((r) => r.level), rows.map((r) => r.laneId), at],
    );
  }

  /** Per lane: load, health counts and time in lane; pipeline: time to done and throughput — all in SQL. */
  async metrics(pipelineId: string, now: Date, atRiskFraction: number) {
    const lanes = await this.db.query(
      `SELECT l.${L.c.id} AS "laneId", l.${L.c.key} AS "laneKey", l.${L.c.name}, l.${L.c.terminal},
              count(c.${C.c.id})::int AS cards,
              (count(c.${C.c.id}) FILTER (WHERE c.${C.c.enteredLaneAt} < ${laneLimitStart('$2', 'l', '$3')}
                                    AND c.${C.c.enteredLaneAt} >= ${laneLimitStart('$2')}))::int AS "atRisk",
              (count(c.${C.c.id}) FILTER (WHERE c.${C.c.enteredLaneAt} < ${laneLimitStart('$2')}))::int AS stuck,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM $2::timestamptz - c.${C.c.enteredLaneAt}) / 3600) AS "medianHours",
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM $2::timestamptz - c.${C.c.enteredLaneAt}) / 3600) AS "p90Hours",
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (e.${E.c.data}->>'waitedMinutes')::float / 60)
                 FROM ${E.table} e WHERE e.${E.c.type} = 'picked_up' AND e.${E.c.data}->>'lane' = l.${L.c.key}) AS "medianPickupHours"
         FROM ${L.table} l LEFT JOIN ${C.table} c ON c.${C.c.laneId} = l.${L.c.id}
        WHERE l.${L.c.pipelineId} = $1 GROUP BY l.${L.c.id} ORDER BY l.${L.c.position}`,
      [pipelineId, now, atRiskFraction],
    );
    const [pipeline] = await this.db.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${C.c.doneAt} - ${C.c.createdAt}) / 86400) FILTER (WHERE ${C.c.doneAt} IS NOT NULL) AS "medianDaysToDone",
              (count(*) FILTER (WHERE ${C.c.doneAt} > $2::timestamptz - interval '30 days'))::int AS "doneLast30Days",
              (count(*) FILTER (WHERE ${C.c.doneAt} IS NULL))::int AS "openCards"
         FROM ${C.table} WHERE ${C.c.pipelineId} = $1`,
      [pipelineId, now],
    );
    return { lanes, pipeline };
  }
}
