-- A card's checklist progress in a lane: its satisfied values of the lane's required, unretired items. The one place
-- that says what counts (cards.checklist_done); `satisfied` is shared's satisfiesGate, stored with the value.
-- PL/pgSQL, not SQL: its plan is cached per connection instead of planned again on every call.
CREATE OR REPLACE FUNCTION public.relay_checklist_done(card uuid, lane uuid)
 RETURNS integer
 LANGUAGE plpgsql
 STABLE
AS $function$
BEGIN
  RETURN (SELECT count(*) FROM checklist_values v JOIN checklist_items i ON i.id = v.item_id
           WHERE v.card_id = card AND v.satisfied AND i.lane_id = lane AND i.required AND i.retired_at IS NULL);
END;
$function$;
