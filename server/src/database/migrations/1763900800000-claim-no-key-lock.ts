import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `board_events_claim` locks the pipeline row FOR NO KEY UPDATE instead of FOR UPDATE.
 *
 * Every change inserts board events, and their foreign key takes FOR KEY SHARE on the pipeline row until the
 * change commits. FOR UPDATE conflicts with that: a claim waited for every change in flight to commit, and
 * every change that reached its insert meanwhile waited for the claim to commit, WAL flush included. Under
 * load, moves queued behind claims in bursts. FOR NO KEY UPDATE (what the claim's own UPDATE of `last_seq`
 * takes anyway) still makes claims queue one behind another, and lets changes commit beside them.
 */
export class ClaimNoKeyLock1763900800000 implements MigrationInterface {
  name = 'ClaimNoKeyLock1763900800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(claimFunction('FOR NO KEY UPDATE'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(claimFunction('FOR UPDATE'));
  }
}

function claimFunction(lock: 'FOR UPDATE' | 'FOR NO KEY UPDATE'): string {
  return `
    CREATE OR REPLACE FUNCTION board_events_claim(p_pipeline uuid, p_limit integer) RETURNS SETOF board_events
    LANGUAGE plpgsql AS $$
    DECLARE
      base bigint;
      claimed bigint;
    BEGIN
      SELECT last_seq INTO base FROM pipelines WHERE id = p_pipeline ${lock};
      -- A new snapshot, taken with the lock held: every commit the previous claim could not see is visible.
      RETURN QUERY
        WITH numbered AS (
          SELECT id, base + row_number() OVER (ORDER BY id) AS seq
            FROM (SELECT id FROM board_events WHERE pipeline_id = p_pipeline AND seq IS NULL ORDER BY id LIMIT p_limit) pending
        )
        UPDATE board_events b SET seq = n.seq, published_at = now() FROM numbered n WHERE b.id = n.id RETURNING b.*;
      GET DIAGNOSTICS claimed = ROW_COUNT;
      IF claimed > 0 THEN
        UPDATE pipelines SET last_seq = base + claimed WHERE id = p_pipeline;
      END IF;
    END $$;`;
}
