-- Numbers a board's committed, still unnumbered events (gapless, in insertion order) under the pipeline row's
-- lock and records who claimed them; the hub emits them and sets published_at (RealtimeHub). FOR NO KEY UPDATE,
-- not FOR UPDATE: changes in flight hold FOR KEY SHARE on the row (their foreign key) and commit beside a claim.
CREATE OR REPLACE FUNCTION public.board_events_claim(p_pipeline uuid, p_limit integer, p_claimer integer DEFAULT NULL::integer)
 RETURNS SETOF board_events
 LANGUAGE plpgsql
AS $function$
DECLARE
  base bigint;
  claimed bigint;
BEGIN
  SELECT last_seq INTO base FROM pipelines WHERE id = p_pipeline FOR NO KEY UPDATE;
  -- A new snapshot, taken with the lock held: every commit the previous claim could not see is visible.
  RETURN QUERY
    WITH numbered AS (
      SELECT id, base + row_number() OVER (ORDER BY id) AS seq
        FROM (SELECT id FROM board_events WHERE pipeline_id = p_pipeline AND seq IS NULL ORDER BY id LIMIT p_limit) pending
    )
    UPDATE board_events b SET seq = n.seq, claimed_at = now(), claimed_by = p_claimer FROM numbered n WHERE b.id = n.id RETURNING b.*;
  GET DIAGNOSTICS claimed = ROW_COUNT;
  IF claimed > 0 THEN
    UPDATE pipelines SET last_seq = base + claimed WHERE id = p_pipeline;
  END IF;
END;
$function$;
