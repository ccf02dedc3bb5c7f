-- Items: recounts every card in a lane whose checklist changed (an item's lane never changes).
CREATE OR REPLACE FUNCTION public.relay_items_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM relay_recount(ARRAY(SELECT c.id FROM cards c WHERE c.lane_id IN (SELECT lane_id FROM changed)));
  RETURN NULL;
END;
$function$;

CREATE OR REPLACE TRIGGER checklist_items_deleted AFTER DELETE ON public.checklist_items REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION relay_items_changed();

CREATE OR REPLACE TRIGGER checklist_items_inserted AFTER INSERT ON public.checklist_items REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION relay_items_changed();

CREATE OR REPLACE TRIGGER checklist_items_updated AFTER UPDATE ON public.checklist_items REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION relay_items_changed();
