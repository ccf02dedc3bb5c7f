-- The words a card is found by (GET /api/cards?q=), indexed by cards_search_idx: customer name, contact name and
-- email, service address, notes and special conditions, lower case and without accents ('simple': no stemming,
-- every word). An email is one word to the parser, so its local part, its domain and the domain's labels are
-- added: "ana@acme.io" is found by "ana@acme.io", "acme.io" and "acme". Names are schema-qualified: ANALYZE and
-- VACUUM evaluate index expressions with search_path = pg_catalog, pg_temp.
CREATE OR REPLACE FUNCTION public.relay_card_search(customer_name text, contact_name text, contact_email text, service_address text, notes text, special_conditions text)
 RETURNS tsvector
 LANGUAGE plpgsql
 IMMUTABLE PARALLEL SAFE
AS $function$
BEGIN
  RETURN pg_catalog.to_tsvector('simple'::regconfig, public.relay_unaccent(concat_ws(' ', customer_name, contact_name, contact_email,
    split_part(contact_email, '@', 1), split_part(contact_email, '@', 2), translate(contact_email, '@.-_+', '     '),
    service_address, notes, special_conditions)));
END;
$function$;
