-- Recounts the given cards' checklist_done, writing only those whose count changed.
CREATE OR REPLACE FUNCTION public.relay_recount(ids uuid[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  UPDATE cards c SET checklist_done = d.n
    FROM (SELECT c2.id, relay_checklist_done(c2.id, c2.lane_id) AS n FROM cards c2 WHERE c2.id = ANY(ids)) d
   WHERE c.id = d.id AND c.checklist_done <> d.n;
END;
$function$;
