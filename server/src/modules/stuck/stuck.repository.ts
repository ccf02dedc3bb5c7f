import { Injectable } from '@nestjs/common';
import type { Health } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { laneLimitStart } from '../../common/sql.js';

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
      `SELECT c.id, c.customer_name AS title, c.lane_id AS "laneId", c.lane_visit AS "laneVisit", c.entered_lane_at AS "enteredLaneAt",
              c.assignee_id AS "assigneeId", c.health_state AS "healthState", c.nudge_level AS "nudgeLevel"
         FROM lanes l CROSS JOIN LATERAL (
           SELECT c.* FROM cards c
            WHERE c.lane_id = l.id AND c.entered_lane_at < ${laneLimitStart('$2', 'l', '$3')}
            OFFSET 0
         ) c
        WHERE l.pipeline_id = $1 AND l.time_limit_hours IS NOT NULL AND NOT l.terminal
          AND (c.health_state <> CASE WHEN c.entered_lane_at < ${laneLimitStart('$2')} THEN 'stuck' ELSE 'at_risk' END
            OR c.nudge_level < CASE
                 WHEN c.entered_lane_at < ${laneLimitStart('$2', 'l', '$4')} THEN 2
                 WHEN c.entered_lane_at < ${laneLimitStart('$2')} THEN 1
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
      `INSERT INTO nudges (card_id, lane_visit, level, lane_id, at)
       SELECT * , $5::timestamptz FROM unnest($1::uuid[], $2::int[], $3::smallint[], $4::uuid[])
       ON CONFLICT DO NOTHING RETURNING card_id AS "cardId", level`,
      [rows.map((r) => r.cardId), rows.map((r) => r.visit), rows.map((r) => r.level), rows.map((r) => r.laneId), at],
    );
  }

  /** Per lane: load, health counts and time in lane; pipeline: time to done and throughput — all in SQL. */
  async metrics(pipelineId: string, now: Date, atRiskFraction: number) {
    const lanes = await this.db.query(
      `SELECT l.id AS "laneId", l.key AS "laneKey", l.name, l.terminal,
              count(c.id)::int AS cards,
              (count(c.id) FILTER (WHERE c.entered_lane_at < ${laneLimitStart('$2', 'l', '$3')}
                                    AND c.entered_lane_at >= ${laneLimitStart('$2')}))::int AS "atRisk",
              (count(c.id) FILTER (WHERE c.entered_lane_at < ${laneLimitStart('$2')}))::int AS stuck,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM $2::timestamptz - c.entered_lane_at) / 3600) AS "medianHours",
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM $2::timestamptz - c.entered_lane_at) / 3600) AS "p90Hours",
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (e.data->>'waitedMinutes')::float / 60)
                 FROM card_events e WHERE e.type = 'picked_up' AND e.data->>'lane' = l.key) AS "medianPickupHours"
         FROM lanes l LEFT JOIN cards c ON c.lane_id = l.id
        WHERE l.pipeline_id = $1 GROUP BY l.id ORDER BY l.position`,
      [pipelineId, now, atRiskFraction],
    );
    const [pipeline] = await this.db.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM done_at - created_at) / 86400) FILTER (WHERE done_at IS NOT NULL) AS "medianDaysToDone",
              (count(*) FILTER (WHERE done_at > $2::timestamptz - interval '30 days'))::int AS "doneLast30Days",
              (count(*) FILTER (WHERE done_at IS NULL))::int AS "openCards"
         FROM cards WHERE pipeline_id = $1`,
      [pipelineId, now],
    );
    return { lanes, pipeline };
  }
}
