-- A card entering a lane starts from the values it already holds there (a card sent back keeps them).
CREATE OR REPLACE FUNCTION public.relay_card_lane_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  NEW.checklist_done := relay_checklist_done(NEW.id, NEW.lane_id);
  RETURN NEW;
END;
$function$;

CREATE OR REPLACE TRIGGER cards_lane_changed BEFORE UPDATE OF lane_id ON public.cards FOR EACH ROW WHEN ((old.lane_id IS DISTINCT FROM new.lane_id)) EXECUTE FUNCTION relay_card_lane_changed();
