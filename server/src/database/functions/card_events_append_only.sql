-- card_events is the card's history: rows are appended, never changed.
CREATE OR REPLACE FUNCTION public.card_events_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN RAISE EXCEPTION 'card_events is append-only'; END;
$function$;

CREATE OR REPLACE TRIGGER card_events_append_only BEFORE UPDATE ON public.card_events FOR EACH ROW EXECUTE FUNCTION card_events_append_only();
