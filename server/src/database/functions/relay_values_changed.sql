-- Values: recounts the cards a statement touched, once per statement (bulk loads stay one statement).
CREATE OR REPLACE FUNCTION public.relay_values_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM relay_recount(ARRAY(SELECT DISTINCT card_id FROM changed));
  RETURN NULL;
END;
$function$;

CREATE OR REPLACE TRIGGER checklist_values_deleted AFTER DELETE ON public.checklist_values REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION relay_values_changed();

CREATE OR REPLACE TRIGGER checklist_values_inserted AFTER INSERT ON public.checklist_values REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION relay_values_changed();

CREATE OR REPLACE TRIGGER checklist_values_updated AFTER UPDATE ON public.checklist_values REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION relay_values_changed();
