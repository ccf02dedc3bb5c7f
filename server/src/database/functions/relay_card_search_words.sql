-- Keeps cards.search_words (the words search finds a card by, relay_card_search) in step with the columns they
-- come from, so that a search reads a stored tsvector instead of computing one per row (GIN cards_search_idx).
-- Moves and ticks do not touch these columns: the trigger does not run for them.
CREATE OR REPLACE FUNCTION public.relay_card_search_words()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  NEW.search_words := public.relay_card_search(NEW.customer_name, NEW.contact_name, NEW.contact_email, NEW.service_address,
    NEW.notes, NEW.special_conditions);
  RETURN NEW;
END;
$function$;

CREATE OR REPLACE TRIGGER cards_search_words BEFORE INSERT OR UPDATE OF customer_name, contact_name, contact_email, service_address, notes, special_conditions ON public.cards FOR EACH ROW EXECUTE FUNCTION relay_card_search_words();
