-- unaccent() as an IMMUTABLE function, so that search's index expression may use it (relay_card_search). The
-- extension lives in the `extensions` schema (migration ClosedCards); the dictionary is named, so the result
-- does not depend on search_path. PL/pgSQL: its body is not resolved before the extension exists.
CREATE OR REPLACE FUNCTION public.relay_unaccent(t text)
 RETURNS text
 LANGUAGE plpgsql
 IMMUTABLE PARALLEL SAFE STRICT
AS $function$
BEGIN
  RETURN extensions.unaccent('extensions.unaccent'::regdictionary, t);
END;
$function$;
